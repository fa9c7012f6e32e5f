import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { FieldError, PASSWORD_PROBLEM_MESSAGES, passwordProblems, validationFailed } from '@gongkai/domain';
import { APP_CONFIG } from '../platform';
import type { AppConfig } from '../platform';
import { BREACHED_PASSWORDS } from './breached-passwords';
import { COMMON_PASSWORDS } from './common-passwords';

/** The password policy with its breached-password list (built in, plus BREACHED_PASSWORDS_FILE). */
@Injectable()
export class PasswordPolicyService {
  private readonly breached: Set<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.breached = new Set([...BREACHED_PASSWORDS, ...COMMON_PASSWORDS]);
    if (config.breachedPasswordsFile) {
      for (const line of readFileSync(config.breachedPasswordsFile, 'utf8').split(/\r?\n/)) {
        if (line.trim()) {
          this.breached.add(line.trim().toLowerCase());
        }
      }
    }
  }

  fieldErrors(field: string, password: string, login?: string): FieldError[] {
    return passwordProblems(password, { login, isBreached: (p) => this.breached.has(p) }).map((code) => ({
      field,
      code: `password.${code}`,
      message: PASSWORD_PROBLEM_MESSAGES[code],
    }));
  }

  assertAcceptable(field: string, password: string, login?: string): void {
    const errors = this.fieldErrors(field, password, login);
    if (errors.length > 0) {
      throw validationFailed(errors);
    }
  }
}
