import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const MAPPABLE_ROLES = ['admin', 'hr', 'manager', 'employee'] as const;
type MappableRole = (typeof MAPPABLE_ROLES)[number];

export class RoleMappingDto {
  @ApiProperty({
    description: 'A value of the role claim, e.g. a group name.',
    example: 'ctx-admins',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  value!: string;

  @ApiProperty({ enum: MAPPABLE_ROLES })
  @IsIn(MAPPABLE_ROLES)
  role!: MappableRole;
}

export class TeamMappingDto {
  @ApiProperty({ description: 'A value of the team claim.', example: 'sales-eu' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  value!: string;

  @ApiProperty({ description: 'Name of the CallTimeX team.', example: 'Sales' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  team!: string;
}

export class OidcProviderInputDto {
  @ApiProperty({ description: 'Shown on the sign-in button.', example: 'Keycloak' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ description: 'Issuer URL (discovery reads /.well-known/openid-configuration).' })
  @IsString()
  @MaxLength(500)
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true })
  issuer!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  clientId!: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Write-only. Omit to keep the stored one; null removes it (public client).',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  clientSecret?: string | null;

  @ApiPropertyOptional({ default: 'openid email profile' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
    message: 'scopes must be space-separated scope names',
  })
  scopes?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'groups' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  roleClaim?: string | null;

  @ApiPropertyOptional({ type: [RoleMappingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleMappingDto)
  roleMap?: RoleMappingDto[];

  @ApiPropertyOptional({ enum: MAPPABLE_ROLES, default: 'employee' })
  @IsOptional()
  @IsIn(MAPPABLE_ROLES)
  defaultRole?: MappableRole;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'groups' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  teamClaim?: string | null;

  @ApiPropertyOptional({ type: [TeamMappingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TeamMappingDto)
  teamMap?: TeamMappingDto[];

  @ApiPropertyOptional({ description: 'Create users at their first sign-in.', default: false })
  @IsOptional()
  @IsBoolean()
  jit?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['example.com'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[a-z0-9.-]{1,253}$/i, { each: true, message: 'allowedDomains must be domain names' })
  allowedDomains?: string[];

  @ApiPropertyOptional({ type: [String], description: '`amr` values that mean MFA was done.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  mfaAmr?: string[];

  @ApiPropertyOptional({ type: [String], description: '`acr` values that mean MFA was done.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  mfaAcr?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class OidcProviderDto {
  @ApiProperty({ enum: ['console', 'environment'] })
  source!: 'console' | 'environment';

  @ApiProperty() organizationId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ description: 'A client secret is stored (it is never shown).' })
  clientSecretSet!: boolean;
  @ApiProperty() scopes!: string;
  @ApiProperty({ nullable: true, type: String }) roleClaim!: string | null;
  @ApiProperty({ type: [RoleMappingDto] }) roleMap!: RoleMappingDto[];
  @ApiProperty({ enum: MAPPABLE_ROLES }) defaultRole!: MappableRole;
  @ApiProperty({ nullable: true, type: String }) teamClaim!: string | null;
  @ApiProperty({ type: [TeamMappingDto] }) teamMap!: TeamMappingDto[];
  @ApiProperty() jit!: boolean;
  @ApiProperty({ type: [String] }) allowedDomains!: string[];
  @ApiProperty({ type: [String] }) mfaAmr!: string[];
  @ApiProperty({ type: [String] }) mfaAcr!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'Redirect URI to register at the provider.' })
  redirectUri!: string;
  @ApiProperty({ description: 'Post-logout redirect URI to register at the provider.' })
  postLogoutRedirectUri!: string;
}

export class DiscoveryTestDto {
  @ApiPropertyOptional({ description: 'Issuer to try; default: the configured one.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true })
  issuer?: string;
}

export class DiscoveryResultDto {
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional() error?: string;
  @ApiPropertyOptional() issuer?: string;
  @ApiPropertyOptional() authorizationEndpoint?: string;
  @ApiPropertyOptional() tokenEndpoint?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) endSessionEndpoint?: string | null;
  @ApiPropertyOptional() jwksUri?: string;
  @ApiPropertyOptional({ type: [String] }) scopesSupported?: string[];
  @ApiPropertyOptional({ type: [String] }) idTokenSigningAlgValuesSupported?: string[];
  @ApiPropertyOptional({ type: [String] }) codeChallengeMethodsSupported?: string[];
}

export class PublicOidcProviderDto {
  @ApiProperty() organizationId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ description: 'Where the browser goes to sign in (relative to the server).' })
  startUrl!: string;
}

export class PublicOidcProviderListDto {
  @ApiProperty({ type: [PublicOidcProviderDto] }) items!: PublicOidcProviderDto[];
}

export class OidcLogoutDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The provider's end-session URL to send the browser to (null: none).",
  })
  endSessionUrl!: string | null;
}

export class OidcStartQueryDto {
  @ApiPropertyOptional({ description: 'Console path to open after sign-in, e.g. /reports.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^\/(?![/\\])[^\s]*$/, { message: 'returnTo must be a path on this server' })
  returnTo?: string;
}

export class OidcCallbackQueryDto {
  @IsOptional() @IsString() @MaxLength(4000) code?: string;
  @IsOptional() @IsString() @MaxLength(500) state?: string;
  @IsOptional() @IsString() @MaxLength(200) error?: string;
  @IsOptional() @IsString() @MaxLength(1000) error_description?: string;
  @IsOptional() @IsString() @MaxLength(500) iss?: string;
  @IsOptional() @IsString() @MaxLength(500) session_state?: string;
}

export class OrganizationIdParamDto {
  @ApiProperty({ format: 'uuid', description: 'The organization whose provider signs in.' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'organizationId must be a UUID',
  })
  organizationId!: string;
}
