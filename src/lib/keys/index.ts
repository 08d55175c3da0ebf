export * from './errors';
export * from './secret';
export * from './derive';
export * from './invite';
export { formatInviteTime } from './invite-messages';
