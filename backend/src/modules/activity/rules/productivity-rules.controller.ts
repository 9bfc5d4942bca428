import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  CreateProductivityRuleDto,
  ListProductivityRulesQueryDto,
  ProductivityRuleDto,
  ProductivityRuleListDto,
  UpdateProductivityRuleDto,
} from './dto/productivity-rule.dto.js';
import { ProductivityRulesService } from './productivity-rules.service.js';

@ApiTags('productivity-rules')
@ApiBearerAuth()
@Controller('productivity-rules')
export class ProductivityRulesController {
  constructor(@Inject(ProductivityRulesService) private readonly rules: ProductivityRulesService) {}

  @Post()
  @RequirePermissions('rules:manage')
  @ApiOperation({
    summary: 'Create a rule (or re-class the existing rule with the same scope, kind and pattern)',
    description: 'Applies to past data at once: the next report reflects it.',
  })
  @ApiCreatedResponse({ type: ProductivityRuleDto })
  async createProductivityRule(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateProductivityRuleDto,
  ): Promise<ProductivityRuleDto> {
    return ProductivityRuleDto.from(await this.rules.create(p, body));
  }

  @Get()
  @RequirePermissions('rules:read')
  @ApiOperation({
    summary: 'List the organization’s and teams’ rules (the defaults are seeded on first use)',
  })
  @ApiOkResponse({ type: ProductivityRuleListDto })
  async listProductivityRules(
    @CurrentPrincipal() p: Principal,
    @Query() query: ListProductivityRulesQueryDto,
  ): Promise<ProductivityRuleListDto> {
    const rows = await this.rules.list(p, query);
    return { items: rows.map((r) => ProductivityRuleDto.from(r)) };
  }

  @Get(':id')
  @RequirePermissions('rules:read')
  @ApiOperation({ summary: 'One productivity rule' })
  @ApiOkResponse({ type: ProductivityRuleDto })
  async getProductivityRule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<ProductivityRuleDto> {
    return ProductivityRuleDto.from(await this.rules.get(p, id));
  }

  @Patch(':id')
  @RequirePermissions('rules:manage')
  @ApiOperation({ summary: 'Change a productivity rule' })
  @ApiOkResponse({ type: ProductivityRuleDto })
  async updateProductivityRule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: UpdateProductivityRuleDto,
  ): Promise<ProductivityRuleDto> {
    return ProductivityRuleDto.from(await this.rules.update(p, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('rules:manage')
  @ApiOperation({ summary: 'Delete a productivity rule' })
  async deleteProductivityRule(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.rules.delete(p, id);
  }
}
