/**
 * What every console section is given by the frame: the API as the signed-in user, the hall the
 * console is open on, the page's locale and who is signed in (an admin sees every hall; a manager
 * only their own), the halls the user may open, and how to say the list changed (a hall added or
 * retired).
 */
import type { Locale } from '../../server/i18n';
import type { HallSummary, LoginResponse } from '../../server/protocol';
import type { Api } from '../shared/api';

export interface AdminContext {
  api: Api;
  hallId: string;
  locale: Locale;
  user: LoginResponse['user'];
  /** The halls the user may open; `version` is 0 where the user may not read it from the hall list. */
  halls?: HallSummary[];
  hallsChanged?: () => void;
}
