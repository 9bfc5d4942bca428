import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';

const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
// Employee emails are stored lower-cased.
const NormalizeEmail = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

export class EnrollDto {
  @ApiProperty({ description: 'A token from POST /agent/enrollment-tokens.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  enrollmentToken!: string;

  @ApiProperty({ format: 'email', description: 'An employee of the token’s organization.' })
  @NormalizeEmail()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  employeeEmail!: string;

  @ApiProperty({ maxLength: 255 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  hostname!: string;

  @ApiProperty({ maxLength: 255, example: 'Windows 11 23H2' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  os!: string;

  @ApiProperty({ maxLength: 64, example: '1.4.2' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  agentVersion!: string;
}

export class EnrolledDeviceDto {
  @ApiProperty({ format: 'uuid' })
  deviceId!: string;

  @ApiProperty({ description: 'The bearer token of every agent request. Shown once.' })
  deviceToken!: string;
}
