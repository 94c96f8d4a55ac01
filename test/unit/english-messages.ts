// Every unit test reads strings in English, as the extension does for an English reader.
import english from '../../src/locales/en/messages.json' with { type: 'json' };
import { useCatalogue } from '../../src/shared/i18n.js';

useCatalogue(english);
