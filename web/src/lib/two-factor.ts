/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type into an authenticator app by hand. */
export function groupSecret(secret: string, size = 4): string {
  return (secret.replace(/\s/g, '').match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ');
}

/** The recovery codes as the user keeps them: one a line, with a note of what they are for. */
export function recoveryCodesText(codes: readonly string[], email: string): string {
  return [`Finance Tracker recovery codes for ${email}`, 'Each code signs you in once without your authenticator app.', '', ...codes, ''].join('\n');
}
