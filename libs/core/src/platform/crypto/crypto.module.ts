import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { AesGcmCipher, PersonalDataCipher } from './personal-data-cipher';

/** Provides the personal-data cipher (replace the provider to plug in SM4). */
@Module({
  providers: [
    {
      provide: PersonalDataCipher,
      useFactory: (config: AppConfig) => new AesGcmCipher(config.personalDataKey),
      inject: [APP_CONFIG],
    },
  ],
  exports: [PersonalDataCipher],
})
export class CryptoModule {}
