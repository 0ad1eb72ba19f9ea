// auth.test and users.* (README §4): who the bot is and who else is in the workspace.
import { userObject } from '../slack-objects.ts';
import { baseUrl, nowSeconds } from '../state.ts';
import { ApiError, type Handler, paginate, requiredString } from './args.ts';

const authTest: Handler = ({ ws }) => ({
  url: `${baseUrl(ws)}/`,
  team: 'Sandbox',
  user: ws.users.get(ws.botUserId)?.name ?? 'incident',
  team_id: ws.teamId,
  user_id: ws.botUserId,
  bot_id: ws.botId,
  app_id: ws.appId,
  is_enterprise_install: false,
});

const info: Handler = ({ ws, args }) => {
  const user = ws.users.get(requiredString(args, 'user', 'user_not_found'));
  if (!user) throw new ApiError('user_not_found');
  return { user: userObject(ws, user) };
};

const list: Handler = ({ ws, args }) => {
  const { page, nextCursor } = paginate([...ws.users.values()], args, 100, 1000);
  return {
    members: page.map((u) => userObject(ws, u)),
    cache_ts: nowSeconds(ws),
    response_metadata: { next_cursor: nextCursor },
  };
};

const lookupByEmail: Handler = ({ ws, args }) => {
  const email = requiredString(args, 'email', 'users_not_found').toLowerCase();
  const user = [...ws.users.values()].find((u) => u.email?.toLowerCase() === email);
  if (!user) throw new ApiError('users_not_found');
  return { user: userObject(ws, user) };
};

/** auth.test and the users.* methods, by name. */
export const peopleMethods: Record<string, Handler> = {
  'auth.test': authTest,
  'users.info': info,
  'users.list': list,
  'users.lookupByEmail': lookupByEmail,
};
