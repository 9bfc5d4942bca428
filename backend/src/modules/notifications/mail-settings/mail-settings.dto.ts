import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { SMTP_SECURITY, type SmtpSecurity } from './mail-settings.entity.js';

/** A host name or an IPv4/IPv6 address: no scheme, path, port or spaces. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/;

export class PutMailSettingsDto {
  @ApiProperty({ example: 'smtp.corp.example', maxLength: 255 })
  @IsString()
  @MaxLength(255)
  @Matches(HOST, { message: 'host must be a host name or an IP address (no scheme, no port)' })
  host!: string;

  @ApiProperty({ example: 587, minimum: 1, maximum: 65535 })
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  @ApiProperty({
    enum: SMTP_SECURITY,
    description:
      '`tls`: TLS from the start (port 465); `starttls`: upgraded (587, required); `none`: plain (a relay on the same network only).',
  })
  @IsIn(SMTP_SECURITY)
  security!: SmtpSecurity;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  username?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    writeOnly: true,
    maxLength: 1024,
    description: 'Write-only. Omitted: the stored one is kept; null: removed.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password?: string | null;

  @ApiProperty({ example: 'CallTimeX <calltimex@corp.example>', maxLength: 320 })
  @IsEmail(
    { allow_display_name: true },
    { message: 'from must be an email address, e.g. CallTimeX <calltimex@corp.example>' },
  )
  @MaxLength(320)
  from!: string;
}

export class MailSettingsDto {
  @ApiProperty({
    enum: ['console', 'environment', 'outbox'],
    description:
      '`console`: this organization’s server below; `environment`: the installation’s SMTP_URL; `outbox`: no server, mail is written to DATA_DIR/outbox.',
  })
  source!: 'console' | 'environment' | 'outbox';

  @ApiProperty({ description: 'The organization set its own server (the fields below).' })
  configured!: boolean;

  @ApiProperty() host!: string;
  @ApiProperty() port!: number;
  @ApiProperty({ enum: SMTP_SECURITY }) security!: SmtpSecurity;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ description: 'A password is stored (it is never returned).' })
  hasPassword!: boolean;
  @ApiProperty() from!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

export class TestMailDto {
  @ApiProperty({ example: 'it@corp.example' })
  @IsEmail({}, { message: 'to must be an email address' })
  @MaxLength(320)
  to!: string;
}

export class TestMailResultDto {
  @ApiProperty({ description: 'The server accepted the mail.' }) delivered!: boolean;
  @ApiProperty({ enum: ['console', 'environment', 'outbox'] })
  source!: 'console' | 'environment' | 'outbox';
  @ApiProperty({ type: String, nullable: true, description: 'Why not, in the server’s words.' })
  error!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The server’s answer, e.g. `250 2.0.0 Ok: queued`.',
  })
  response!: string | null;
  @ApiProperty() durationMs!: number;
}
