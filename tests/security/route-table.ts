/**
 * Every route the server answers, and who may use it: the one statement of the access rules.
 * `authorization-matrix.test.ts` proves the server keeps it (and that this list is exactly the
 * server's routes); `fuzz.test.ts` throws junk at every row.
 *
 *   ✓    allowed (2xx) — public, or not tied to a hall — whatever hall the user belongs to
 *   own  allowed (2xx) in the user's own hall; a user of another hall gets 403
 *   401  sign in first
 *   403  this role may not
 *
 * The system administrator (`admin`) belongs to every hall. A city manager (`city_manager`) belongs
 * to none: they read the reports across the halls on their account (own: a hall they cover; other:
 * one they do not) and otherwise do only what any signed-in user may. 三员分立: the security
 * administrator (`security_admin`) manages the administrators' accounts and resets second factors,
 * the audit administrator (`audit_admin`) nothing here (the audit log is theirs); neither belongs to
 * a hall, and the system administrator may do neither's duties. The last three columns (city,
 * security, audit) may be left out of a row, from the right: each is then `✓` where a kiosk's is
 * `✓` (public, or any signed-in role) and `403` elsewhere. A clerk acts only at the window they signed in at (at a
 * window someone else staffs: 403 not_window_clerk); managers act at any window of their hall.
 * Public hall routes are public because a citizen's phone uses them: the ticket id (96 random bits)
 * is the secret of a ticket, and bookings are limited per address. Text reminders are switched on
 * only with the credential, the socket of the ticket's open phone page (`X-QMS-Socket`) and the code
 * texted to the number (`…/notify/confirm`). The API contract (the OpenAPI
 * document, its reference page and that page's files) is public: it says what the routes take,
 * never what the hall holds. The audit trail (`GET /api/v1/audit`) is the audit administrator's alone
 * (三员分立): even the system administrator is refused (the audit administrator's own cell is
 * proven in `audit-trail.test.ts`).
 */

export const ROLES = ['anonymous', 'kiosk', 'display', 'rating', 'clerk', 'manager', 'city_manager', 'admin', 'security_admin', 'audit_admin'] as const;
export type Role = (typeof ROLES)[number];
export type Access = '✓' | 'own' | '401' | '403';

export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Record<Role, Access>;
}

const TABLE = `
method route                                                          anonymous kiosk display rating clerk manager admin city_manager security_admin audit_admin
GET    /healthz                                                       ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /metrics                                                       ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /assets/*                                                      ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /kiosk                                                         ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /display/hall                                                  ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /display/window                                                ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /counter                                                       ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /rating                                                        ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /manager                                                       ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /admin                                                         ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /reports                                                       ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /audit                                                         ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /book                                                          ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /hall-info                                                     ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /ticket/:hallId/:ticketId                                      ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/openapi.json                                           ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/docs                                                      ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/docs/                                                     ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/docs/json                                                 ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/docs/yaml                                                 ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/docs/static/index.html                                    ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/docs/static/swagger-initializer.js                        ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/docs/static/*                                             ✓         ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/auth/login                                             ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/auth/me                                                401       ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/auth/logout                                            401       ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/auth/pair                                              ✓         ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/auth/password                                          401       ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/auth/second-factor                                     401       403   403     403    ✓     ✓       ✓     ✓            ✓              ✓
POST   /api/v1/auth/second-factor/confirm                             401       403   403     403    ✓     ✓       ✓     ✓            ✓              ✓
GET    /api/v1/admin/accounts                                         401       403   403     403    403   ✓       ✓     403          ✓              403
POST   /api/v1/admin/accounts/:id/reset-second-factor                 401       403   403     403    403   403     403   403          ✓              403
POST   /api/v1/admin/accounts                                         401       403   403     403    403   own     ✓
PATCH  /api/v1/admin/accounts/:id                                     401       403   403     403    403   own     ✓
POST   /api/v1/admin/accounts/:id/disable                             401       403   403     403    403   own     ✓
POST   /api/v1/admin/accounts/:id/enable                              401       403   403     403    403   own     ✓
POST   /api/v1/admin/accounts/:id/reset-password                      401       403   403     403    403   own     ✓
POST   /api/v1/admin/halls/:hallId/devices/:deviceId/pairing-code     401       403   403     403    403   own     ✓
POST   /api/v1/admin/halls/:hallId/devices/:deviceId/print-test       401       403   403     403    403   own     ✓
GET    /api/v1/halls                                                  ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId                                          ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId/board                                    401       own   own     own    own   own     ✓
POST   /api/v1/halls/:hallId/notices                                  401       403   403     403    403   own     ✓
DELETE /api/v1/halls/:hallId/notices/:noticeId                        401       403   403     403    403   own     ✓
POST   /api/v1/halls/:hallId/tickets                                  401       own   403     403    own   own     ✓
GET    /api/v1/halls/:hallId/tickets/:ticketId                        ✓         ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/halls/:hallId/tickets/:ticketId/print                  401       own   403     403    own   own     ✓
GET    /api/v1/halls/:hallId/tickets/:ticketId/preview                401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/tickets/:ticketId/events                 401       403   403     403    403   own     ✓
POST   /api/v1/halls/:hallId/tickets/:ticketId/requeue                401       own   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/tickets/:ticketId/rating                 401       403   403     own    403   own     ✓
POST   /api/v1/halls/:hallId/tickets/:ticketId/assistance             401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/tickets/:ticketId/assistance/assign      401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/tickets/:ticketId/identity              401       403   403     403    own   own     ✓
GET    /api/v1/halls/:hallId/tickets/:ticketId/announcement           ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId/tickets/:ticketId/announcement.wav       ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId/tickets/:ticketId/notify                 ✓         ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/halls/:hallId/tickets/:ticketId/notify                 ✓         ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/halls/:hallId/tickets/:ticketId/notify/confirm         ✓         ✓     ✓       ✓      ✓     ✓       ✓
DELETE /api/v1/halls/:hallId/tickets/:ticketId/notify                 ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId/notifications                            401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/windows/:windowId                        401       own   own     own    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/sign-in                401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/sign-out               401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/call-next              401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/call                   401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/recall                 401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/start                  401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/complete               401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/no-show                401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/undo-no-show           401       403   403     403    own   own     ✓
GET    /api/v1/halls/:hallId/windows/:windowId/next-up                401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/park                   401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/resume-parked          401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/transfer               401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/pause                  401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/resume                 401       403   403     403    own   own     ✓
POST   /api/v1/halls/:hallId/windows/:windowId/areas                  401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/calendar                                 ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId/appointments/slots                       ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId/appointments/places                      ✓         ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/halls/:hallId/appointments                             ✓         ✓     ✓       ✓      ✓     ✓       ✓
POST   /api/v1/halls/:hallId/appointments/:code/cancel                ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId/appointments                             401       403   403     403    own   own     ✓
GET    /api/v1/halls/:hallId/stats                                    401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/stats.csv                                401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/best-time                                ✓         ✓     ✓       ✓      ✓     ✓       ✓
GET    /api/v1/halls/:hallId/forecast                                 401       403   403     403    403   own     ✓     own
GET    /api/v1/halls/:hallId/staffing                                 401       403   403     403    403   own     ✓     own
GET    /api/v1/halls/:hallId/staffing.csv                             401       403   403     403    403   own     ✓     own
POST   /api/v1/halls/:hallId/what-if                                  401       403   403     403    403   own     ✓
GET    /api/v1/reports/halls                                          401       403   403     403    403   403     ✓     own
GET    /api/v1/reports/halls.csv                                      401       403   403     403    403   403     ✓     own
GET    /api/v1/halls/:hallId/overview                                 401       403   403     403    403   own     ✓
POST   /api/v1/halls/:hallId/hours/extend                             401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/honours                                  401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/trail                                    401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/ratings/follow-ups                       401       403   403     403    403   own     ✓
POST   /api/v1/halls/:hallId/ratings/:ticketId/follow-up              401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/ratings/:ticketId/contact                401       403   403     403    403   own     ✓
GET    /api/v1/halls/:hallId/windows/:windowId/rating-prompt          401       403   403     own    403   own     ✓
GET    /api/v1/admin/halls/:hallId/catalogue                          401       403   403     403    403   own     ✓
POST   /api/v1/admin/halls/:hallId/catalogue/import                   401       403   403     403    403   own     ✓
POST   /api/v1/admin/halls/:hallId/catalogue/restore                  401       403   403     403    403   own     ✓
PATCH  /api/v1/admin/halls/:hallId/catalogue/:code                    401       403   403     403    403   own     ✓
GET    /api/v1/admin/halls/:hallId/config                             401       403   403     403    403   own     ✓
PUT    /api/v1/admin/halls/:hallId/config                             401       403   403     403    403   own     ✓
GET    /api/v1/admin/halls                                            401       403   403     403    403   403     ✓
POST   /api/v1/admin/halls                                            401       403   403     403    403   403     ✓
POST   /api/v1/admin/halls/:hallId/retire                             401       403   403     403    403   403     ✓
GET    /api/v1/admin/changes                                          401       403   403     403    403   own     ✓
GET    /api/v1/admin/official-calendar                                401       403   403     403    403   ✓       ✓
POST   /api/v1/admin/webhooks                                         401       403   403     403    403   403     ✓
GET    /api/v1/admin/webhooks                                         401       403   403     403    403   403     ✓
DELETE /api/v1/admin/webhooks/:id                                     401       403   403     403    403   403     ✓
GET    /api/v1/admin/webhooks/:id/deliveries                          401       403   403     403    403   403     ✓
POST   /api/v1/admin/webhooks/:id/deliveries/:deliveryId/replay       401       403   403     403    403   403     ✓
GET    /api/v1/audit                                                  401       403   403     403    403   403     403   403          403            ✓
`;

function parse(table: string): RouteRule[] {
  const [header, ...rows] = table.trim().split('\n');
  const columns = header!.trim().split(/\s+/).slice(2);
  if ([...columns].sort().join() !== [...ROLES].sort().join()) throw new Error(`route table columns ${columns.join()} are not ${ROLES.join()}`);
  return rows.map((line) => {
    const [method, path, ...given] = line.trim().split(/\s+/);
    // The city, security and audit columns, last, may be left out (see above).
    const implied = given[columns.indexOf('kiosk')] === '✓' ? '✓' : '403';
    const cells = given.length >= columns.length - 3 ? [...given, ...Array(columns.length - given.length).fill(implied)] : given;
    if (cells.length !== columns.length || cells.some((c) => !['✓', 'own', '401', '403'].includes(c))) throw new Error(`bad route table row: ${line}`);
    const access = Object.fromEntries(columns.map((r, i) => [r, cells[i] as Access])) as Record<Role, Access>;
    return { method: method as RouteRule['method'], path: path!, access };
  });
}

export const ROUTES: readonly RouteRule[] = parse(TABLE);

/** What a user of another hall gets where the user of this hall gets `own`. */
export function expectedStatus(access: Access, hall: 'own' | 'other'): '2xx' | 401 | 403 {
  if (access === '✓') return '2xx';
  if (access === 'own') return hall === 'own' ? '2xx' : 403;
  return Number(access) as 401 | 403;
}

/** `METHOD path`, as the tests name a route. */
export const routeName = (r: Pick<RouteRule, 'method' | 'path'>): string => `${r.method} ${r.path}`;
