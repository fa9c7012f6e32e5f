import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, StaffCaller } from '@gongkai/core/platform';
import { NotificationQueryService } from '@gongkai/core/notifications';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';

/** The staff member's in-app notifications: assignments, due soon, overdue, proposals, reviews. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/console/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationQueryService) {}

  @Get()
  @Access('staff')
  @ApiQuery({ name: 'unread', required: false })
  @ApiOperation({ summary: 'My notifications, newest first' })
  list(@StaffCaller() c: Caller<StaffPrincipal>, @Query('unread') unread?: string) {
    return this.notifications.list('staff', c.principal.userId, unread === 'true');
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: 'Mark one as read' })
  read(@StaffCaller() c: Caller<StaffPrincipal>, @Param('notificationId', ParseIntPipe) id: number) {
    return this.notifications.markRead('staff', c.principal.userId, String(id));
  }
}
