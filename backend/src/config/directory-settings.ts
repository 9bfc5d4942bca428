import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';

/** Roles a directory group may grant; `owner` is never granted by a directory. */
export const DIRECTORY_ROLES = ['admin', 'hr', 'manager', 'employee'] as const;
export type DirectoryRole = (typeof DIRECTORY_ROLES)[number];
export const LOGIN_ATTRIBUTES = ['uid', 'sAMAccountName', 'userPrincipalName', 'mail'] as const;
export const BIND_MODES = ['search', 'direct'] as const;
export type BindMode = (typeof BIND_MODES)[number];

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
/** An attribute description (RFC 4512 descr): a letter, then letters, digits and hyphens. */
const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
/** A filter written by IT: one parenthesised expression. */
const FILTER = /^\(.*\)$/s;

export class GroupRoleMappingSchema {
  @ApiProperty({
    description: 'Group DN',
    example: 'cn=timekeeping-admins,ou=groups,dc=corp,dc=example',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  group!: string;

  @ApiProperty({ enum: DIRECTORY_ROLES })
  @IsIn(DIRECTORY_ROLES)
  role!: DirectoryRole;
}

export class GroupTeamMappingSchema {
  @ApiProperty({ description: 'Group DN', example: 'cn=support,ou=groups,dc=corp,dc=example' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  group!: string;

  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'teamId must be a UUID',
  })
  teamId!: string;
}

/**
 * One organization's LDAP / Active Directory settings, without the bind password. The same
 * validation serves PUT /api/v1/directory/config and the file DIRECTORY_CONFIG_PATH names.
 */
export class DirectorySettingsSchema {
  @ApiProperty({ description: 'Directory sign-in (and sync) on or off.' })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ example: 'ldaps://dc1.corp.example:636', maxLength: 500 })
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  @Matches(/^ldaps?:\/\/[^\s/?#]+(:\d{1,5})?\/?$/i, {
    message: 'url must look like ldap://host:389 or ldaps://host:636',
  })
  url!: string;

  @ApiPropertyOptional({
    description: 'Upgrade an ldap:// connection with StartTLS.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  startTls: boolean = false;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'PEM of the CA that signed the server certificate (empty: the system CAs).',
    maxLength: 20_000,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(20_000)
  @Matches(/^\s*-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, {
    message: 'tlsCaPem must be a PEM certificate',
  })
  tlsCaPem: string | null = null;

  @ApiPropertyOptional({
    enum: BIND_MODES,
    default: 'search',
    description:
      '`search`: bind with the service account, find the user, bind as them. `direct`: bind as bindDnTemplate with {login} replaced.',
  })
  @IsOptional()
  @IsIn(BIND_MODES)
  bindMode: BindMode = 'search';

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'cn=calltimex,ou=services,dc=corp,dc=example',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  bindDn: string | null = null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    description:
      'For bindMode direct: `uid={login},ou=people,dc=corp,dc=example` or `{login}@corp.example`.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  @Matches(/\{login\}/, { message: 'bindDnTemplate must contain {login}' })
  bindDnTemplate: string | null = null;

  @ApiProperty({ maxLength: 500, example: 'ou=people,dc=corp,dc=example' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  baseDn!: string;

  @ApiPropertyOptional({ maxLength: 1000, default: '(objectClass=person)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  @Matches(FILTER, { message: 'userFilter must be one parenthesised LDAP filter' })
  userFilter: string = '(objectClass=person)';

  @ApiPropertyOptional({ enum: LOGIN_ATTRIBUTES, default: 'uid' })
  @IsOptional()
  @IsIn(LOGIN_ATTRIBUTES)
  loginAttribute: (typeof LOGIN_ATTRIBUTES)[number] = 'uid';

  @ApiPropertyOptional({ default: 'mail' })
  @IsOptional()
  @Matches(ATTRIBUTE, { message: 'emailAttribute must be an attribute name' })
  emailAttribute: string = 'mail';

  @ApiPropertyOptional({ default: 'givenName' })
  @IsOptional()
  @Matches(ATTRIBUTE, { message: 'firstNameAttribute must be an attribute name' })
  firstNameAttribute: string = 'givenName';

  @ApiPropertyOptional({ default: 'sn' })
  @IsOptional()
  @Matches(ATTRIBUTE, { message: 'lastNameAttribute must be an attribute name' })
  lastNameAttribute: string = 'sn';

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    description: 'Where groups are; null: baseDn.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  groupBaseDn: string | null = null;

  @ApiPropertyOptional({
    maxLength: 1000,
    default: '(|(objectClass=groupOfNames)(objectClass=group))',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  @Matches(FILTER, { message: 'groupFilter must be one parenthesised LDAP filter' })
  groupFilter: string = '(|(objectClass=groupOfNames)(objectClass=group))';

  @ApiPropertyOptional({
    default: 'member',
    description: 'The group attribute listing member DNs.',
  })
  @IsOptional()
  @Matches(ATTRIBUTE, { message: 'groupMemberAttribute must be an attribute name' })
  groupMemberAttribute: string = 'member';

  @ApiPropertyOptional({ type: [GroupRoleMappingSchema], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GroupRoleMappingSchema)
  roleMappings: GroupRoleMappingSchema[] = [];

  @ApiPropertyOptional({ type: [GroupTeamMappingSchema], maxItems: 200 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GroupTeamMappingSchema)
  teamMappings: GroupTeamMappingSchema[] = [];

  @ApiPropertyOptional({
    enum: DIRECTORY_ROLES,
    nullable: true,
    default: null,
    description: 'Role of a directory user in no mapped group; null: such users may not sign in.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(DIRECTORY_ROLES)
  defaultRole: DirectoryRole | null = null;

  @ApiPropertyOptional({
    default: true,
    description: 'Create or link a tracked employee for each directory user.',
  })
  @IsOptional()
  @IsBoolean()
  createEmployees: boolean = true;

  @ApiPropertyOptional({ default: false, description: 'Run the directory sync on a schedule.' })
  @IsOptional()
  @IsBoolean()
  syncEnabled: boolean = false;

  @ApiPropertyOptional({ default: 60, minimum: 5, maximum: 10080 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10_080)
  syncIntervalMinutes: number = 60;
}

/** One entry of the DIRECTORY_CONFIG_PATH file. */
export class DirectoryEnvironmentEntrySchema extends DirectorySettingsSchema {
  /** The organization's id or its exact name. */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organization!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  bindPassword?: string;

  /** A file holding the bind password (a Docker or Kubernetes secret). */
  @IsOptional()
  @IsString()
  bindPasswordFile?: string;
}

export class DirectoryEnvironmentFileSchema {
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DirectoryEnvironmentEntrySchema)
  organizations!: DirectoryEnvironmentEntrySchema[];
}

/** A settings object's own problems beyond field validation. */
export function directorySettingsProblems(
  s: DirectorySettingsSchema,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (s.bindMode === 'direct' && !s.bindDnTemplate) {
    problems.push({
      path: 'bindDnTemplate',
      message: 'bindDnTemplate is required with bindMode direct',
    });
  }
  if (s.bindMode === 'search' && !s.bindDn) {
    problems.push({ path: 'bindDn', message: 'bindDn is required with bindMode search' });
  }
  if (s.startTls && /^ldaps:/i.test(s.url)) {
    problems.push({
      path: 'startTls',
      message: 'startTls is for ldap:// urls (ldaps:// is TLS already)',
    });
  }
  return problems;
}
