/**
 * What every console section is given by the frame: the API as the signed-in user, the hall the
 * console is open on, the page's locale and who is signed in (an admin sees every hall; a manager
 * only their own), the halls the user may open, and how to say the list changed (a hall added or
 * retired).
 */
import type { Locale } from '../../server/i18n';
import type { LoginResponse } from '../../server/protocol';
import type { Api } from '../shared/api';

export interface HallSummary {
  id: string;
  name: string;
  /** The configuration's version (0 when the user may not read it from the hall list). */
  version: number;
  retired: boolean;
}

export interface AdminContext {
  api: Api;
  hallId: string;
  locale: Locale;
  user: LoginResponse['user'];
  halls?: HallSummary[];
  hallsChanged?: () => void;
}
