import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@gongkai/core/platform';
import { AgencyService } from '@gongkai/core/agencies';

@ApiTags('agencies')
@Controller('api/portal/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgencyService) {}

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'Agencies accepting online applications, with their disclosure office contacts' })
  async list() {
    const rows = await this.agencies.acceptingApplications();
    return rows.map((a) => ({
      id: a.id,
      parentId: a.parentId,
      name: a.name,
      kind: a.kind,
      address: a.address,
      postalCode: a.postalCode,
      phone: a.phone,
      email: a.email,
    }));
  }
}
