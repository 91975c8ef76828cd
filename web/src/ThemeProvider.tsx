import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useI18n } from './i18n';

/** antd locale and theme follow the UI language. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{
        token: { colorPrimary: '#c8102e', colorLink: '#c8102e', borderRadius: 6 },
        components: { Layout: { siderBg: '#001529', headerBg: '#ffffff' } },
      }}
    >
      {children}
    </ConfigProvider>
  );
}
