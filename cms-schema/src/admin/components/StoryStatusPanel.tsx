import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
// What GET /newsroom/story-status/:documentId answers: one type for the route and the panel.
import type { StoryStatus } from '../../bootstrap/story-status';

/** The panel's Thai strings, in one place. */
const TEXT = {
  title: 'สถานะบนเว็บไซต์',
  loading: 'กำลังตรวจสอบ…',
  failed: 'ตรวจสอบสถานะไม่ได้',
  state: {
    live: 'ออนไลน์แล้ว',
    publishing: 'กำลังขึ้นเว็บไซต์',
    'takedown-pending': 'กำลังนำออกจากเว็บไซต์',
    offline: 'ไม่อยู่บนเว็บไซต์',
    unknown: 'ติดต่อเว็บไซต์ไม่ได้',
  },
  firstPublished: 'เผยแพร่ครั้งแรก',
  published: 'เผยแพร่ฉบับนี้',
  pageSince: 'หน้าเว็บฉบับปัจจุบันขึ้นเมื่อ',
  problem: 'ปัญหา',
  save: 'บันทึกเรื่องก่อน แล้วสถานะจะแสดงที่นี่',
} as const;

/** Colours of the state line: green live, amber on its way, red gone-but-still-there or unknown. */
const TONE: Record<StoryStatus['state'], string> = {
  live: '#328048',
  publishing: '#b35400',
  'takedown-pending': '#d02b20',
  offline: '#666687',
  unknown: '#d02b20',
};

/** Bangkok time, Buddhist-era year: how Thai editors read dates. */
const bangkok = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
  timeZone: 'Asia/Bangkok',
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** How often the panel asks again while the site is catching up. */
const REFRESH_MS = 2000;

function StoryStatusView({ documentId }: { documentId: string }) {
  const { get } = useFetchClient();
  const [status, setStatus] = useState<StoryStatus | null | 'failed'>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const { data } = await get<StoryStatus>(`/newsroom/story-status/${documentId}`);
        if (stopped) return;
        setStatus(data);
        // Keep asking until the site agrees with the CMS, then every so often.
        timer = setTimeout(load, data.state === 'live' || data.state === 'offline' ? REFRESH_MS * 5 : REFRESH_MS);
      } catch {
        if (!stopped) setStatus('failed');
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [documentId, get]);

  if (status === null) return <p>{TEXT.loading}</p>;
  if (status === 'failed') return <p>{TEXT.failed}</p>;
  const row = (label: string, value: string | null) =>
    value ? (
      <p style={{ margin: '4px 0', fontSize: 12 }}>
        {label}: {value}
      </p>
    ) : null;
  const date = (iso: string | null) => (iso ? bangkok.format(new Date(iso)) + ' น.' : null);
  return (
    <div data-testid="story-status" style={{ width: '100%' }}>
      <p style={{ margin: '0 0 6px', fontWeight: 600, color: TONE[status.state] }}>{TEXT.state[status.state]}</p>
      {status.url && status.state === 'live' ? (
        <p style={{ margin: '4px 0', fontSize: 12, wordBreak: 'break-all' }}>
          <a href={status.url} target="_blank" rel="noreferrer noopener">
            {status.url}
          </a>
        </p>
      ) : null}
      {row(TEXT.firstPublished, date(status.firstPublishedAt))}
      {row(TEXT.published, date(status.publishedAt))}
      {row(TEXT.pageSince, date(status.pageSince))}
      {row(TEXT.problem, status.problem)}
    </div>
  );
}

/** The props Strapi passes an edit view side panel (the parts this one reads). */
interface PanelProps {
  model: string;
  documentId?: string;
}

/**
 * The story's edit view side panel: whether the story is live, at which URL, since when,
 * and, while the site lags the CMS (a takedown or a publish on its way, a failed build), that
 * too with the reason.
 */
export const StoryStatusPanel = ({ model, documentId }: PanelProps) => {
  if (model !== 'api::article.article') return null;
  return {
    title: TEXT.title,
    content: documentId ? <StoryStatusView documentId={documentId} /> : <p>{TEXT.save}</p>,
  };
};
