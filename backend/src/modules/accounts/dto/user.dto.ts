import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_STATUSES, type UserEntity, type UserStatus } from '../entities/user.entity.js';
import { ROLES, type Role } from '#src/common/auth/roles.js';

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ example: 'ada@example.com' })
  email!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ enum: USER_STATUSES })
  status!: UserStatus;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['en', 'ru', 'uk'] })
  locale!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The tracked person this login belongs to.',
  })
  employeeId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Newest sign-in on record (user list and user detail only).',
  })
  lastSignInAt?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Name of the linked employee (user list and user detail only).',
  })
  employeeFullName?: string | null;
}

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    organizationId: user.organizationId,
    email: user.email,
    role: user.role,
    status: user.status,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: [user.firstName, user.lastName].filter(Boolean).join(' '),
    phone: user.phone,
    locale: user.locale,
    employeeId: user.employeeId,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

/** "Ada King Lovelace" → first "Ada", last "King Lovelace". */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const parts = fullName.trim().split(/\s+/);
  const firstName = (parts.shift() ?? '').slice(0, 100);
  return { firstName, lastName: parts.join(' ').slice(0, 100) };
}
