import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, StaffCaller, forbidden, hasPermission, uuidPipe } from '@gongkai/core/platform';
import { StaffAdminService } from '@gongkai/core/identity';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { CreateUserDto, PasswordResetDto, ReasonDto, RoleGrantDto } from './users.dto';

/**
 * Staff accounts (system administrator) and their roles and sessions (security administrator).
 */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/console/users')
export class UsersController {
  constructor(private readonly admin: StaffAdminService) {}

  @Get()
  @Access('staff')
  @ApiOperation({ summary: 'Accounts and their roles (system or security administrators)' })
  list(@StaffCaller() caller: Caller<StaffPrincipal>) {
    if (!hasPermission(caller.principal, 'user.manage') && !hasPermission(caller.principal, 'role.manage')) {
      throw forbidden('user.manage');
    }
    return this.admin.list(caller);
  }

  @Post()
  @Access('user.manage')
  @ApiOperation({ summary: 'Create an account with a temporary password (no roles yet)' })
  create(@StaffCaller() caller: Caller<StaffPrincipal>, @Body() body: CreateUserDto) {
    return this.admin.create(caller, body);
  }

  @Post(':id/disable')
  @HttpCode(204)
  @Access('user.manage')
  @ApiOperation({ summary: 'Disable an account: every session of it ends at once' })
  async disable(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ReasonDto,
  ) {
    await this.admin.setActive(caller, id, false, body.reason);
  }

  @Post(':id/enable')
  @HttpCode(204)
  @Access('user.manage')
  async enable(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ReasonDto,
  ) {
    await this.admin.setActive(caller, id, true, body.reason);
  }

  @Post(':id/password-reset')
  @HttpCode(204)
  @Access('user.manage')
  @ApiOperation({
    summary: 'Reset to a temporary password (to change at the next sign-in); every session ends',
  })
  async resetPassword(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: PasswordResetDto,
  ) {
    await this.admin.resetPassword(caller, id, body.temporaryPassword);
  }

  @Post(':id/roles')
  @HttpCode(204)
  @Access('role.manage')
  @ApiOperation({ summary: 'Grant a role at an agency (the three administrator roles never combine)' })
  async grant(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RoleGrantDto,
  ) {
    await this.admin.grantRole(caller, id, body);
  }

  @Post(':id/roles/revoke')
  @HttpCode(204)
  @Access('role.manage')
  async revokeRole(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RoleGrantDto,
  ) {
    await this.admin.revokeRole(caller, id, body);
  }

  @Post(':id/sessions/revoke')
  @Access('session.manage')
  @ApiOperation({ summary: 'End every session of an account at once' })
  async revokeSessions(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ReasonDto,
  ) {
    return { ended: await this.admin.revokeSessions(caller, { userId: id }, body.reason) };
  }
}
