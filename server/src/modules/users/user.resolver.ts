import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../api/graphql/context';
import { CurrentUser } from '../../api/graphql/current-user';
import { ownerScope, type OwnerScope } from '../../db/owner-scope';
import { AppError, unauthenticated } from '../../lib/errors';
import { clientIp, destroySession, renewSession, startSession } from '../../sessions/session-lifecycle';
import { SignedInSessionType } from './signed-in-session.type';
import type { SignedInSession, SignedInSessionService } from './signed-in-sessions.service';
import type { TwoFactorService } from './two-factor.service';
import type { User } from './user.entity';
import { RegisterInput, UpdateMeInput } from './user.inputs';
import type { TwoFactorSetup } from './user.model';
import type { UserService } from './user.service';
import { TwoFactorSetupType, UserType } from './user.type';

@Resolver(() => UserType)
export class AuthResolver {
  constructor(private readonly services: { users: UserService; twoFactor: TwoFactorService; sessions: SignedInSessionService }) {}

  /** Null when signed out, rather than UNAUTHENTICATED: so it reads the context, not @CurrentUser. */
  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null when signed out.' })
  async me(@Ctx() context: RequestContext): Promise<User | null> {
    return context.userId === null ? null : this.services.users.find(ownerScope(context.userId));
  }

  @Mutation(() => UserType, { description: 'Creates the user (with a "Cash" account and starter categories) and signs in.' })
  async register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() context: RequestContext): Promise<User> {
    const user = await this.services.users.register(input, { ip: clientIp(context.req) });
    await startSession(context.req, user);
    return user;
  }

  @Mutation(() => UserType)
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: RequestContext,
    @Arg('otp', () => String, { nullable: true, description: 'With two-factor sign-in on: the app’s code or a recovery code.' })
    otp?: string | null,
  ): Promise<User> {
    const user = await this.services.users.authenticate(email, password, { ip: clientIp(context.req) }, otp);
    if (!user) throw new AppError('UNAUTHENTICATED', 'The email or password is not right.');
    await startSession(context.req, user);
    return user;
  }

  @Mutation(() => Boolean, { description: 'Ends the session on the server; true even when already signed out.' })
  async logout(@Ctx() context: RequestContext): Promise<boolean> {
    await destroySession(context.req, context.res);
    return true;
  }

  @Mutation(() => UserType, { description: 'Needs the current password. This session gets a new id; every other session of yours ends.' })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @CurrentUser() scope: OwnerScope,
    @Ctx() context: RequestContext,
  ): Promise<User> {
    const user = await this.services.users.changePassword(scope, currentPassword, newPassword);
    await startSession(context.req, user);
    await this.services.sessions.revokeOthers(scope, context.req.sessionID);
    return user;
  }

  @Mutation(() => Boolean, { description: 'Deletes you and everything you keep here, receipts included. Needs your password.' })
  async deleteMe(@Arg('password', () => String) password: string, @CurrentUser() scope: OwnerScope, @Ctx() context: RequestContext): Promise<boolean> {
    await this.services.users.deleteAccount(scope, password);
    await destroySession(context.req, context.res);
    return true;
  }

  @Mutation(() => TwoFactorSetupType, { description: 'A new secret for an authenticator app; sign-in changes only after enableTwoFactor.' })
  startTwoFactorSetup(@CurrentUser() scope: OwnerScope): Promise<TwoFactorSetup> {
    return this.services.twoFactor.startSetup(scope);
  }

  @Mutation(() => [String], {
    description: 'Turns two-factor sign-in on with a first valid code; returns ten recovery codes, shown only now. This session gets a new id; every other session of yours ends.',
  })
  async enableTwoFactor(@Arg('code', () => String) code: string, @CurrentUser() scope: OwnerScope, @Ctx() context: RequestContext): Promise<string[]> {
    const recoveryCodes = await this.services.twoFactor.enable(scope, code);
    await this.keepOnlyThisSession(context, scope);
    return recoveryCodes;
  }

  @Mutation(() => Boolean, { description: 'Turns two-factor sign-in off; needs the password. This session gets a new id; every other session of yours ends.' })
  async disableTwoFactor(@Arg('password', () => String) password: string, @CurrentUser() scope: OwnerScope, @Ctx() context: RequestContext): Promise<boolean> {
    await this.services.twoFactor.disable(scope, password);
    await this.keepOnlyThisSession(context, scope);
    return true;
  }

  @Query(() => [SignedInSessionType], { description: 'Where you are signed in: this session first, then by last use.' })
  sessions(@CurrentUser() scope: OwnerScope, @Ctx() context: RequestContext): Promise<SignedInSession[]> {
    return this.services.sessions.listForUser(scope, context.req.sessionID);
  }

  @Mutation(() => Boolean, { description: 'Signs one of your sessions out (this one too, which signs you out here). NOT_FOUND for an unknown id.' })
  async revokeSession(@Arg('id', () => ID) id: string, @CurrentUser() scope: OwnerScope, @Ctx() context: RequestContext): Promise<boolean> {
    // A session's ID is its public hash as it is (not a row number): nothing to decode.
    const { wasCurrent } = await this.services.sessions.revoke(scope, id, context.req.sessionID);
    if (wasCurrent) await destroySession(context.req, context.res);
    return true;
  }

  @Mutation(() => Int, { description: 'Signs out every session of yours but this one, which gets a new id; returns how many ended.' })
  async revokeOtherSessions(@CurrentUser() scope: OwnerScope, @Ctx() context: RequestContext): Promise<number> {
    const ended = await this.services.sessions.revokeOthers(scope, context.req.sessionID);
    // Also ends sessions the store's index may not know (from before it existed).
    await this.keepOnlyThisSession(context, scope, await this.services.users.endSessions(scope));
    return ended;
  }

  /** After a change of credentials: the others end (by version, and in the store); this one moves to a fresh id. */
  private async keepOnlyThisSession(context: RequestContext, scope: OwnerScope, version?: number): Promise<void> {
    const current = version ?? (await this.services.users.sessionVersionOf(scope.userId));
    if (current === null) throw unauthenticated();
    await renewSession(context.req, current);
    await this.services.sessions.revokeOthers(scope, context.req.sessionID);
  }

  @Mutation(() => UserType)
  async updateMe(@Arg('input', () => UpdateMeInput) input: UpdateMeInput, @CurrentUser() scope: OwnerScope): Promise<User> {
    return this.services.users.updateProfile(scope, input);
  }
}
