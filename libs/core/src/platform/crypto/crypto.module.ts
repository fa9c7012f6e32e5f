import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { PersonalDataCipher } from './personal-data-cipher';
import { KeyringCipher } from './keyring-cipher';
import { ClockModule } from '../clock/clock.module';
import { DataKeys } from './data-keys';

/** The cipher of the configured keys: the current one (and scheme) encrypts, every key decrypts. */
export function keyringOf(config: AppConfig): KeyringCipher {
  return new KeyringCipher(
    { id: config.personalDataKeyId, key: config.personalDataKey, scheme: config.personalDataCipher },
    config.previousPersonalDataKeys,
    config.personalDataIndexKeyId,
  );
}

/**
 * Provides the personal-data cipher: AES-256-GCM or SM4 (PERSONAL_DATA_CIPHER), under versioned keys;
 * and the per-request data keys under it.
 */
@Module({
  imports: [ClockModule],
  providers: [
    DataKeys,
    {
      provide: PersonalDataCipher,
      useFactory: (config: AppConfig) => keyringOf(config),
      inject: [APP_CONFIG],
    },
  ],
  exports: [PersonalDataCipher, DataKeys],
})
export class CryptoModule {}
