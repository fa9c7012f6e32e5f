import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import { AgencyEntity, AgencyService } from '@gongkai/core/agencies';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { AgencySettingsDto, CreateAgencyDto, MoveAgencyDto } from './agency.dto';

function view(a: AgencyEntity) {
  const { path: _path, ...rest } = a;
  return { ...rest, depth: a.path.split('/').length - 3 };
}

/** The agency tree and each disclosure office's settings. */
@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/console/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgencyService) {}

  @Get()
  @Access('staff')
  @ApiOperation({ summary: 'The agencies under the roles you hold, parents before children' })
  async list(@StaffCaller() { principal }: Caller<StaffPrincipal>) {
    const rows = await this.agencies.subtree([...new Set(principal.roles.map((r) => r.agencyPath))]);
    return rows.map(view);
  }

  @Post()
  @Access('agency.manage')
  @ApiOperation({ summary: 'Add an agency under one you administer' })
  async create(@StaffCaller() caller: Caller<StaffPrincipal>, @Body() body: CreateAgencyDto) {
    return view(await this.agencies.create(caller, { ...body, parentId: body.parentId ?? null }));
  }

  @Patch(':id')
  @Access('agency.manage')
  @ApiOperation({ summary: "Change a disclosure office's settings (audited with before and after)" })
  async update(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: AgencySettingsDto,
  ) {
    return view(await this.agencies.update(caller, id, body));
  }

  @Post(':id/move')
  @HttpCode(200)
  @Access('agency.manage')
  @ApiOperation({
    summary:
      'Move an agency and its subtree under another parent (refused where it would change a locked report)',
  })
  async move(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: MoveAgencyDto,
  ) {
    return view(await this.agencies.move(caller, id, body.parentId));
  }
}
