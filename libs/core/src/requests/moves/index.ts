export { AssignmentService } from './assignment.service';
export { RequestActionRunner } from './request-action.runner';
export type { ActionContext, ActionPlan, ActionView } from './request-action.runner';
export { RequestMovesModule } from './request-moves.module';
