/**
 * Staff password policy (docs/domain-rules.md; MLPS level 3 身份鉴别): at least 8 characters from at least
 * three of the four classes, not on a breached-password list, not containing the login name.
 * Rotation every 90 days is MLPS practice (a deliberate deviation from OWASP ASVS 2.1.10).
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;
export const PASSWORD_MAX_AGE_DAYS = 90;

/**
 * Whether a password must be changed before anything else: an administrator asked for it (first
 * sign-in with a temporary password) or it is older than the rotation period.
 */
export function passwordChangeRequired(flagged: boolean, changedAt: Date, now: Date): boolean {
  return flagged || now.getTime() - changedAt.getTime() > PASSWORD_MAX_AGE_DAYS * 86_400_000;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'breached' | 'contains_login';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `密码至少 ${PASSWORD_MIN_LENGTH} 位`,
  too_long: `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`,
  too_few_classes: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  breached: '该密码出现在已泄露密码列表中，请换一个',
  contains_login: '密码不能包含登录名',
};

export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Every problem with a candidate password, in a stable order (empty when acceptable). */
export function passwordProblems(
  password: string,
  opts: { login?: string; isBreached: (normalized: string) => boolean },
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push('too_short');
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push('too_long');
  }
  if (passwordClasses(password) < PASSWORD_MIN_CLASSES) {
    problems.push('too_few_classes');
  }
  if (opts.isBreached(password.toLowerCase())) {
    problems.push('breached');
  }
  const login = opts.login?.trim().toLowerCase();
  if (login && login.length >= 3 && password.toLowerCase().includes(login)) {
    problems.push('contains_login');
  }
  return problems;
}
