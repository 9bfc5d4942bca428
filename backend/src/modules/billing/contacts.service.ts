import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ConflictError, NotFoundError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { BillingRepository } from './billing.repository.js';
import type { BillingContactDto, BillingContactInputDto } from './dto/billing.dto.js';
import { BillingContactEntity } from './entities/billing-contact.entity.js';

function toDto(c: BillingContactEntity): BillingContactDto {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    locale: c.locale,
    createdAt: c.createdAt.toISOString(),
  };
}

@Injectable()
export class ContactsService {
  constructor(@Inject(BillingRepository) private readonly repository: BillingRepository) {}

  async create(principal: Principal, input: BillingContactInputDto): Promise<BillingContactDto> {
    const contact = Object.assign(new BillingContactEntity(), {
      id: randomUUID(),
      organizationId: principal.organizationId,
      name: input.name,
      email: input.email.toLowerCase(),
      locale: input.locale ?? null,
      createdAt: new Date(Math.floor(Date.now() / 1000) * 1000),
    });
    try {
      await this.repository.insertContact(contact);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError('This billing contact exists already.', 'contact-exists');
      throw error;
    }
    return toDto(contact);
  }

  async list(principal: Principal): Promise<BillingContactDto[]> {
    return (await this.repository.contacts(principal.organizationId)).map(toDto);
  }

  async update(
    principal: Principal,
    id: string,
    input: BillingContactInputDto,
  ): Promise<BillingContactDto> {
    const existing = await this.repository.contact(principal.organizationId, id);
    if (!existing) throw new NotFoundError('Billing contact');
    const fields = {
      name: input.name,
      email: input.email.toLowerCase(),
      locale: input.locale ?? null,
    };
    try {
      await this.repository.updateContact(principal.organizationId, id, fields);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError('This billing contact exists already.', 'contact-exists');
      throw error;
    }
    return toDto({ ...existing, ...fields });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.repository.deleteContact(principal.organizationId, id))) {
      throw new NotFoundError('Billing contact');
    }
  }
}
