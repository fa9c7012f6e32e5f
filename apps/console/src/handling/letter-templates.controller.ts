import { Body, Controller, Get, Param, ParseEnumPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  LETTER_KINDS,
  LetterTemplateService,
  StaffCaller,
  TemplateSlotsDto,
  uuidPipe,
} from '@gongkai/core';
import type { Caller, LetterKind, StaffPrincipal } from '@gongkai/core';

const KIND_ENUM = Object.fromEntries(LETTER_KINDS.map((k) => [k, k]));

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
    @Param('kind', new ParseEnumPipe(KIND_ENUM)) kind: LetterKind,
    @Body() b: TemplateSlotsDto,
  ) {
    return this.templates.update(c, agencyId, kind, b);
  }
}
