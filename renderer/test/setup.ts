import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../src/i18n';

initI18n('zh-CN');
afterEach(() => cleanup());
