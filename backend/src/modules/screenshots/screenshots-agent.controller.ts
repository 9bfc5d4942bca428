import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#src/common/auth/permissions.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import { CurrentDevice, DeviceAuthGuard } from '../agent/device-auth.guard.js';
import type { DeviceSession } from '../agent/devices.repository.js';
import {
  ScreenshotPolicyDto,
  ScreenshotUploadResultDto,
  UploadScreenshotBodyDto,
  UploadScreenshotFieldsDto,
} from './dto/screenshot.dto.js';
import { UPLOAD_LIMITS } from './screenshot-images.js';
import { ScreenshotsService, type UploadedFile as Upload } from './screenshots.service.js';

@ApiTags('agent')
@ApiBearerAuth()
@Public()
@UseGuards(DeviceAuthGuard)
@Controller('agent')
export class ScreenshotsAgentController {
  constructor(@Inject(ScreenshotsService) private readonly screenshots: ScreenshotsService) {}

  @Get('screenshot-policy')
  @ApiOperation({
    summary: 'Whether and how this device captures screenshots (bearer = device token)',
  })
  @ApiOkResponse({ type: ScreenshotPolicyDto })
  getScreenshotPolicy(@CurrentDevice() device: DeviceSession): Promise<ScreenshotPolicyDto> {
    return this.screenshots.policy(device);
  }

  @Post('screenshots')
  @UseInterceptors(FileInterceptor('image', { limits: UPLOAD_LIMITS }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadScreenshotBodyDto })
  @ApiOperation({ summary: 'Upload one capture (multipart: id, capturedAt, image)' })
  @ApiCreatedResponse({ type: ScreenshotUploadResultDto, description: 'Stored.' })
  @ApiOkResponse({ type: ScreenshotUploadResultDto, description: 'Stored before (a re-send).' })
  @ApiForbiddenResponse({
    description: 'screenshots-disabled: not enabled for this employee; drop the image.',
  })
  @ApiPayloadTooLargeResponse({ description: 'Over 5 MB.' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a JPEG or WebP image.' })
  async uploadScreenshot(
    @CurrentDevice() device: DeviceSession,
    @Body() fields: UploadScreenshotFieldsDto,
    @UploadedFile() file: Upload | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ScreenshotUploadResultDto> {
    const outcome = await this.screenshots.upload(device, fields, file);
    res.status(outcome.created ? 201 : 200);
    return outcome.body;
  }

  @Delete('screenshots/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'The employee deletes their own capture, within the delete window' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'No such capture of this employee.' })
  @ApiConflictResponse({ description: 'delete-window-passed.' })
  async deleteAgentScreenshot(
    @CurrentDevice() device: DeviceSession,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.screenshots.deleteOwn(device, id);
  }
}
