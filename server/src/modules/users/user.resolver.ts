import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '../../graphql/context';
import { AppError } from '../../lib/errors';
import { destroySession, startSession } from '../../sessions/session-lifecycle';
import type { Services } from '../../services';
import { RegisterInput, TwoFactorSetup, UpdateMeInput } from './user.inputs';
import { User } from './user.entity';

/** The client's address as Express sees it: the forwarded one only from a proxy TRUST_PROXY names. */
function clientIp(context: RequestContext): string {
  return context.req.ip ?? context.req.socket.remoteAddress ?? 'unknown';
}

@Resolver(() => User)
export class AuthResolver {
  constructor(private readonly services: Services) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null when signed out.' })
  async me(@Ctx() context: RequestContext): Promise<User | null> {
    return context.userId === null ? null : this.services.users.findById(context.userId);
  }

  @Mutation(() => User, { description: 'Creates the user (with a "Cash" account and starter categories) and signs in.' })
  async register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() context: RequestContext): Promise<User> {
    const user = await this.services.users.register(input, { ip: clientIp(context) });
    await startSession(context.req, user);
    return user;
  }

  @Mutation(() => User)
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: RequestContext,
    @Arg('otp', () => String, { nullable: true, description: 'With two-factor sign-in on: the app’s code or a recovery code.' })
    otp?: string | null,
  ): Promise<User> {
    const user = await this.services.users.authenticate(email, password, { ip: clientIp(context) }, otp);
    if (!user) throw new AppError('UNAUTHENTICATED', 'The email or password is not right.');
    await startSession(context.req, user);
    return user;
  }

  @Mutation(() => Boolean, { description: 'Ends the session on the server; true even when already signed out.' })
  async logout(@Ctx() context: RequestContext): Promise<boolean> {
    await destroySession(context.req, context.res);
    return true;
  }

  @Mutation(() => User, { description: 'Needs the current password. This session gets a new id; every other session of yours ends.' })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() context: RequestContext,
  ): Promise<User> {
    const user = await this.services.users.changePassword(requireUser(context), currentPassword, newPassword);
    await startSession(context.req, user);
    return user;
  }

  @Mutation(() => Boolean, { description: 'Deletes you and everything you keep here, receipts included. Needs your password.' })
  async deleteMe(@Arg('password', () => String) password: string, @Ctx() context: RequestContext): Promise<boolean> {
    await this.services.users.deleteAccount(requireUser(context), password);
    await destroySession(context.req, context.res);
    return true;
  }

  @Mutation(() => TwoFactorSetup, { description: 'A new secret for an authenticator app; sign-in changes only after enableTwoFactor.' })
  startTwoFactorSetup(@Ctx() context: RequestContext): Promise<TwoFactorSetup> {
    return this.services.twoFactor.startSetup(requireUser(context));
  }

  @Mutation(() => [String], { description: 'Turns two-factor sign-in on with a first valid code; returns ten recovery codes, shown only now.' })
  enableTwoFactor(@Arg('code', () => String) code: string, @Ctx() context: RequestContext): Promise<string[]> {
    return this.services.twoFactor.enable(requireUser(context), code);
  }

  @Mutation(() => Boolean, { description: 'Turns two-factor sign-in off; needs the password.' })
  async disableTwoFactor(@Arg('password', () => String) password: string, @Ctx() context: RequestContext): Promise<boolean> {
    await this.services.twoFactor.disable(requireUser(context), password);
    return true;
  }

  @Mutation(() => User)
  async updateMe(@Arg('input', () => UpdateMeInput) input: UpdateMeInput, @Ctx() context: RequestContext): Promise<User> {
    return this.services.users.updateProfile(requireUser(context), input);
  }
}
