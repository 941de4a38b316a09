import { pinyinSearchValues } from '../../platform/pinyin.ts';
import { searchDocument } from '../../platform/search-text.ts';

/**
 * A user's search text: the login name, the display name with its pinyin and initials (read as a
 * person's name: 单 shàn), and the e-mail address. Every path that writes a user stores it.
 */
export function userSearchText(user: { username: string; displayName: string; email?: string | null }): string {
  return searchDocument([
    user.username,
    user.displayName,
    ...pinyinSearchValues(user.displayName, 'person'),
    user.email,
  ]).text;
}
