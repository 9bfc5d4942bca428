import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { PageQueryDto, UuidParamDto } from '#src/common/validation/common.dto.js';
import { ContactsService } from './contacts.service.js';
import {
  AddCardDto,
  BillingContactDto,
  BillingContactInputDto,
  CardDto,
  CreditNoteDto,
  InvoiceDto,
  InvoiceListDto,
  IssueInvoiceDto,
  IssueInvoicesResultDto,
  LicenseDto,
  PaymentDto,
  RecordPaymentDto,
  SeatHoldersDto,
  SeatsDto,
  SeatUsageDto,
  SeatUsageQueryDto,
  UpdateBillingSettingsDto,
  UploadLicenseDto,
} from './dto/billing.dto.js';
import { InvoicesService } from './invoices/invoices.service.js';
import { LicenseService } from './license.service.js';
import { PaymentsService } from './payments.service.js';

@ApiTags('billing')
@ApiBearerAuth()
@RequirePermissions('billing:manage')
@Controller('billing')
export class BillingController {
  constructor(
    @Inject(LicenseService) private readonly licenses: LicenseService,
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
    @Inject(PaymentsService) private readonly payments: PaymentsService,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  @Post('license')
  @ApiCreatedResponse({ type: LicenseDto })
  @ApiOperation({ summary: 'Upload a license' })
  uploadLicense(
    @CurrentPrincipal() p: Principal,
    @Body() dto: UploadLicenseDto,
  ): Promise<LicenseDto> {
    return this.licenses.upload(p, dto.license);
  }

  @Get('license')
  @ApiOkResponse({ type: LicenseDto })
  @ApiOperation({ summary: 'The newest uploaded license and its status' })
  getLicense(@CurrentPrincipal() p: Principal): Promise<LicenseDto> {
    return this.licenses.current(p);
  }

  @Get('seats')
  @ApiOkResponse({ type: SeatsDto })
  @ApiOperation({ summary: 'Plan, licensed seats and seats in use' })
  getSeats(@CurrentPrincipal() p: Principal): Promise<SeatsDto> {
    return this.licenses.seats(p);
  }

  @Get('seats/holders')
  @ApiOkResponse({ type: SeatHoldersDto })
  @ApiOperation({ summary: 'Employees holding a seat (an active device), by name' })
  getSeatHolders(
    @CurrentPrincipal() p: Principal,
    @Query() q: PageQueryDto,
  ): Promise<SeatHoldersDto> {
    return this.licenses.seatHolders(p, q.page, q.pageSize);
  }

  @Get('seat-usage')
  @ApiOkResponse({ type: SeatUsageDto })
  @ApiOperation({ summary: 'Seat usage over a billing period' })
  getSeatUsage(
    @CurrentPrincipal() p: Principal,
    @Query() q: SeatUsageQueryDto,
  ): Promise<SeatUsageDto> {
    return this.licenses.usage(p, q.period);
  }

  @Put('settings')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Change billing settings (tax rate)' })
  updateBillingSettings(
    @CurrentPrincipal() p: Principal,
    @Body() dto: UpdateBillingSettingsDto,
  ): Promise<void> {
    return this.licenses.setTaxRate(p, dto.taxRateBasisPoints);
  }

  @Post('invoices')
  @HttpCode(200)
  @ApiOkResponse({ type: IssueInvoicesResultDto })
  @ApiOperation({ summary: 'Issue the invoice for a billing period' })
  async issueInvoice(
    @CurrentPrincipal() p: Principal,
    @Body() dto: IssueInvoiceDto,
  ): Promise<IssueInvoicesResultDto> {
    const { invoice, created } = await this.invoices.issueForPeriod(p.organizationId, dto.period);
    return {
      invoice: invoice ? await this.invoices.toDto(p.organizationId, invoice) : null,
      created,
    };
  }

  @Get('invoices')
  @ApiOkResponse({ type: InvoiceListDto })
  @ApiOperation({ summary: 'List invoices' })
  listInvoices(
    @CurrentPrincipal() p: Principal,
    @Query() page: PageQueryDto,
  ): Promise<InvoiceListDto> {
    return this.invoices.list(p.organizationId, page);
  }

  @Get('invoices/:id')
  @ApiOkResponse({ type: InvoiceDto })
  @ApiOperation({ summary: 'One invoice' })
  getInvoice(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<InvoiceDto> {
    return this.invoices.get(p.organizationId, id);
  }

  @Get('invoices/:id/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Download an invoice as PDF' })
  async downloadInvoicePdf(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.invoices.pdf(p.organizationId, id);
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(file.content, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.content.length,
    });
  }

  @Post('invoices/:id/credit-notes')
  @ApiCreatedResponse({ type: InvoiceDto })
  @ApiOperation({ summary: 'Issue a credit note against an invoice' })
  async createCreditNote(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: CreditNoteDto,
  ): Promise<InvoiceDto> {
    const note = await this.invoices.creditNote(p.organizationId, id, dto.reason);
    return this.invoices.toDto(p.organizationId, note);
  }

  @Post('invoices/:id/payments')
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiOperation({ summary: 'Record a payment of an invoice' })
  recordPayment(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: RecordPaymentDto,
  ): Promise<PaymentDto> {
    return this.payments.record(p, id, dto);
  }

  @Get('invoices/:id/payments')
  @ApiOkResponse({ type: [PaymentDto] })
  @ApiOperation({ summary: 'List payments of an invoice' })
  listPayments(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<PaymentDto[]> {
    return this.payments.list(p, id);
  }

  @Post('cards')
  @ApiCreatedResponse({ type: CardDto })
  @ApiOperation({ summary: 'Add a payment card' })
  addCard(@CurrentPrincipal() p: Principal, @Body() dto: AddCardDto): Promise<CardDto> {
    return this.payments.addCard(p, dto);
  }

  @Get('cards')
  @ApiOkResponse({ type: [CardDto] })
  @ApiOperation({ summary: 'List payment cards' })
  listCards(@CurrentPrincipal() p: Principal): Promise<CardDto[]> {
    return this.payments.cards(p);
  }

  @Delete('cards/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Delete a payment card' })
  deleteCard(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<void> {
    return this.payments.deleteCard(p, id);
  }

  @Post('contacts')
  @ApiCreatedResponse({ type: BillingContactDto })
  @ApiOperation({ summary: 'Add a billing contact' })
  createBillingContact(
    @CurrentPrincipal() p: Principal,
    @Body() dto: BillingContactInputDto,
  ): Promise<BillingContactDto> {
    return this.contacts.create(p, dto);
  }

  @Get('contacts')
  @ApiOkResponse({ type: [BillingContactDto] })
  @ApiOperation({ summary: 'List billing contacts' })
  listBillingContacts(@CurrentPrincipal() p: Principal): Promise<BillingContactDto[]> {
    return this.contacts.list(p);
  }

  @Put('contacts/:id')
  @ApiOkResponse({ type: BillingContactDto })
  @ApiOperation({ summary: 'Change a billing contact' })
  updateBillingContact(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: BillingContactInputDto,
  ): Promise<BillingContactDto> {
    return this.contacts.update(p, id, dto);
  }

  @Delete('contacts/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Delete a billing contact' })
  deleteBillingContact(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    return this.contacts.remove(p, id);
  }
}
