import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { invalidInput } from '@gongkai/domain';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import { LETTER_KINDS, LetterTemplateService, isLetterKind } from '@gongkai/core/letters';
import { TemplateSlotsDto } from './handling.dto';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';

/** An agency's wording of the editable slots of its letters (legal wording is locked), versioned. */
@ApiTags('letters')
@ApiBearerAuth()
@Controller('api/console/agencies/:agencyId/letter-templates')
export class LetterTemplatesController {
  constructor(private readonly templates: LetterTemplateService) {}

  @Get()
  @Access('template.manage')
  @ApiOperation({ summary: 'Every template with its current slots, version and the system defaults' })
  list(@StaffCaller() c: Caller<StaffPrincipal>, @Param('agencyId', uuidPipe('agencyId')) agencyId: string) {
    return this.templates.list(c, agencyId);
  }

  @Put(':kind')
  @Access('template.manage')
  @ApiOperation({ summary: 'New version of the editable slots (audited)' })
  update(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('agencyId', uuidPipe('agencyId')) agencyId: string,
    @Param('kind') kind: string,
    @Body() b: TemplateSlotsDto,
  ) {
    if (!isLetterKind(kind)) {
      throw invalidInput('kind', 'letter_kind.unknown', `文书类型须为：${LETTER_KINDS.join('、')}`);
    }
    return this.templates.update(c, agencyId, kind, b);
  }
}
