import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import type { Locale } from '../dto/validators.js';
import type { OrganizationEntity } from '../entities/organization.entity.js';
import type { OrganizationDto, UpdateOrganizationDto } from './organization.dto.js';
import { OrganizationsRepository } from './organizations.repository.js';

@Injectable()
export class OrganizationsService {
  constructor(
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
  ) {}

  async getCurrent(p: Principal): Promise<OrganizationDto> {
    const organization = await this.organizations.findById(p.organizationId);
    if (!organization) throw new NotFoundError('Organization');
    return toOrganizationDto(organization);
  }

  async updateCurrent(p: Principal, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    await this.organizations.update(p.organizationId, {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.defaultTimeZone !== undefined ? { defaultTimeZone: dto.defaultTimeZone } : {}),
      ...(dto.locale !== undefined ? { locale: dto.locale } : {}),
    });
    return this.getCurrent(p);
  }
}

function toOrganizationDto(organization: OrganizationEntity): OrganizationDto {
  return {
    id: organization.id,
    name: organization.name,
    defaultTimeZone: organization.defaultTimeZone,
    locale: organization.locale as Locale,
    createdAt: new Date(organization.createdAt).toISOString(),
  };
}
