// The password policy as the server applies it by default (settings auth.password_min_length and _min_classes):
// at least 10 characters and at least 3 of the 4 classes upper-case, lower-case, digit, symbol. The server also
// refuses the username and common passwords, and names the rule that failed.
export const MIN_PASSWORD_LENGTH = 10;

export function passwordClasses(p: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
}

export function passwordChecks(p: string): { length: boolean; classes: boolean } {
  return { length: [...p].length >= MIN_PASSWORD_LENGTH, classes: passwordClasses(p) >= 3 };
}

export function isStrongPassword(p: string): boolean {
  const c = passwordChecks(p);
  return c.length && c.classes;
}
