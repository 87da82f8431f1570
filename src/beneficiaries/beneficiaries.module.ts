import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { BeneficiariesController } from './beneficiaries.controller';
import { BeneficiariesService } from './beneficiaries.service';
import { Beneficiary, EligibilityCriterion } from './beneficiary.entity';
import { IdentityCipher } from './identity-cipher';
import { PersonalDataExportService } from './personal-data-export.service';

@Module({
  imports: [TypeOrmModule.forFeature([Beneficiary, EligibilityCriterion])],
  controllers: [BeneficiariesController],
  providers: [
    BeneficiariesService,
    PersonalDataExportService,
    { provide: IdentityCipher, useFactory: (config: AppConfig) => new IdentityCipher(config.IDENTITY_ENCRYPTION_KEY), inject: [AppConfig] },
  ],
  exports: [BeneficiariesService, IdentityCipher],
})
export class BeneficiariesModule {}
