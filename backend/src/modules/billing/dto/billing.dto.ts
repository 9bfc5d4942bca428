import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class UploadLicenseDto {
  @ApiProperty({ description: 'The signed license document: CTXL1.<claims>.<signature>' })
  @IsString()
  @MinLength(10)
  @MaxLength(8_000)
  license!: string;
}

export class LicenseDto {
  @ApiProperty() licenseId!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() licensee!: string;
  @ApiProperty({ enum: ['team', 'business', 'enterprise'] }) plan!: string;
  @ApiProperty() seats!: number;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty() uploadedAt!: string;
  @ApiProperty({ enum: ['valid', 'expired', 'not-yet-valid'] }) status!: string;
}

export class SeatsDto {
  @ApiProperty({ description: 'What a license must name' }) organizationId!: string;
  @ApiProperty({ enum: ['free', 'team', 'business', 'enterprise'] }) plan!: string;
  @ApiProperty({ description: 'Seats the plan or license grants' }) licensedSeats!: number;
  @ApiProperty({ description: 'Seats allowed over the licensed number (5 %, rounded down)' })
  graceSeats!: number;
  @ApiProperty({ description: 'Employees with an active device now' }) seatsInUse!: number;
  @ApiProperty({
    description:
      'Whether enrollment is refused past the limit: only under a valid license. Without one the installation runs in evaluation mode and seats above the free tier are only reported.',
  })
  enforced!: boolean;
  @ApiProperty({ type: LicenseDto, nullable: true }) license!: LicenseDto | null;
  @ApiProperty({ description: 'Price of a seat per month, minor units' })
  pricePerSeatMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'Tax rate in basis points (1900 = 19 %)' })
  taxRateBasisPoints!: number;
}

export class SeatHolderDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'Devices of this employee that are not revoked' }) devices!: number;
  @ApiProperty({ format: 'date-time', description: 'Enrollment of the oldest of them' })
  since!: string;
}

export class SeatHoldersDto {
  @ApiProperty({ type: [SeatHolderDto] }) items!: SeatHolderDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Seats in use' }) total!: number;
}

export class SeatUsageDayDto {
  @ApiProperty() day!: string;
  @ApiProperty() seats!: number;
}

export class SeatUsageQueryDto {
  @ApiProperty({ example: '2026-10', description: 'YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be YYYY-MM' })
  period!: string;
}

export class SeatUsageDto {
  @ApiProperty() period!: string;
  @ApiProperty({ description: 'The highest daily count: what the period bills' })
  billableSeats!: number;
  @ApiProperty({ type: [SeatUsageDayDto] }) days!: SeatUsageDayDto[];
}

export class UpdateBillingSettingsDto {
  @ApiProperty({ description: 'Tax rate in basis points, 0 to 10,000 (1900 = 19 %)' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  taxRateBasisPoints!: number;
}

export class IssueInvoiceDto {
  @ApiProperty({ example: '2026-10', description: 'The month to bill, YYYY-MM; must have ended' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be YYYY-MM' })
  period!: string;
}

export class CreditNoteDto {
  @ApiProperty({ description: 'Why the invoice is corrected' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reason!: string;
}

export class InvoiceDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Sequential per organization, without gaps' }) number!: number;
  @ApiProperty({ enum: ['invoice', 'credit-note'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) period!: string | null;
  @ApiProperty() periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty() plan!: string;
  @ApiProperty() seats!: number;
  @ApiProperty() unitPriceMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() netMinor!: number;
  @ApiProperty() taxRateBasisPoints!: number;
  @ApiProperty() taxMinor!: number;
  @ApiProperty() totalMinor!: number;
  @ApiProperty() paidMinor!: number;
  @ApiProperty({ enum: ['open', 'paid', 'credited'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) creditsInvoiceId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() issuedAt!: string;
}

export class InvoiceListDto {
  @ApiProperty({ type: [InvoiceDto] }) items!: InvoiceDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class IssueInvoicesResultDto {
  @ApiProperty({ type: InvoiceDto, nullable: true, description: 'null when nothing is billable' })
  invoice!: InvoiceDto | null;
  @ApiProperty({ description: 'false when the period had been issued before' }) created!: boolean;
}

export class RecordPaymentDto {
  @ApiProperty({ description: 'Minor units, positive' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amountMinor!: number;

  @ApiProperty({ enum: ['bank-transfer', 'manual'] })
  @IsIn(['bank-transfer', 'manual'])
  method!: 'bank-transfer' | 'manual';

  @ApiPropertyOptional({ description: 'Bank reference or note' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ description: 'When the money arrived (default now)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'receivedAt must be an ISO 8601 time with offset',
  })
  receivedAt?: string;
}

export class PaymentDto {
  @ApiProperty() id!: string;
  @ApiProperty() invoiceId!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty() method!: string;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty() receivedAt!: string;
}

export class AddCardDto {
  @ApiProperty({ description: 'The payment provider that holds the card', example: 'stripe' })
  @Matches(/^[a-z0-9-]{2,32}$/)
  provider!: string;

  @ApiProperty({ description: "The provider's token for the card (never the card number)" })
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  providerToken!: string;

  @ApiProperty({ example: 'visa' })
  @Matches(/^[a-z-]{2,20}$/)
  brand!: string;

  @ApiProperty({ example: '4242' })
  @Matches(/^\d{4}$/, { message: 'last4 must be four digits' })
  last4!: string;

  @ApiProperty({ minimum: 1, maximum: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth!: number;

  @ApiProperty({ minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  expYear!: number;
}

export class CardDto {
  @ApiProperty() id!: string;
  @ApiProperty() provider!: string;
  @ApiProperty() brand!: string;
  @ApiProperty() last4!: string;
  @ApiProperty() expMonth!: number;
  @ApiProperty() expYear!: number;
  @ApiProperty() createdAt!: string;
}

export class BillingContactInputDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: ['en', 'ru', 'uk'], nullable: true })
  @IsOptional()
  @IsIn(['en', 'ru', 'uk'])
  locale?: 'en' | 'ru' | 'uk';
}

export class BillingContactDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) locale!: string | null;
  @ApiProperty() createdAt!: string;
}
