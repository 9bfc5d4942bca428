import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  MailDirectory,
  type MailDirectorySource,
  type OrganizationInfo,
  type Recipient,
} from '../notifications/mail-directory.js';
import { OrganizationEntity } from './entities/organization.entity.js';
import { UserEntity } from './entities/user.entity.js';

const RECIPIENT = { id: true, organizationId: true, email: true, locale: true, status: true };

/** Answers the mail module's directory from the users and organizations this module owns. */
@Injectable()
export class AccountsMailDirectory implements MailDirectorySource, OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MailDirectory) private readonly directory: MailDirectory,
  ) {}

  onModuleInit(): void {
    this.directory.provide(this);
  }

  user(organizationId: string, userId: string): Promise<Recipient | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { organizationId, id: userId }, select: RECIPIENT });
  }

  userById(id: string): Promise<Recipient | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { id }, select: RECIPIENT });
  }

  organization(id: string): Promise<OrganizationInfo | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOne({
      where: { id },
      select: { id: true, name: true, locale: true, defaultTimeZone: true },
    });
  }
}
