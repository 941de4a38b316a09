import { PlusOutlined } from '@ant-design/icons';
import type { CalendarEvent } from '@relate/common';
import { App, Badge, Button, Calendar, Card, Empty, List, Segmented, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { useErrorReporter } from '../../components/forms';
import { UserSelect } from '../../components/users';
import { useCalendar, useUpdateTask } from './queries';
import { TaskForm } from './TaskForm';
import { usePageTitle } from '../../components/usePageTitle';
import { lunarDayCaption } from '../calendar/lunar-label';
import { useLunarDays } from '../calendar/queries';

type Mode = 'month' | 'week' | 'day';
const colors: Record<CalendarEvent['kind'], string> = { task: 'blue', followup: 'green', anniversary: 'magenta' };
const paths: Record<string, string> = { customers: '/customers', leads: '/leads' };

function rangeOf(mode: Mode, date: Dayjs): [Dayjs, Dayjs] {
  if (mode === 'day') return [date.startOf('day'), date.startOf('day').add(1, 'day')];
  if (mode === 'week') {
    const monday = date.startOf('day').subtract((date.day() + 6) % 7, 'day');
    return [monday, monday.add(7, 'day')];
  }
  // The month grid shows parts of the neighbouring months too.
  return [date.startOf('month').subtract(7, 'day'), date.endOf('month').add(8, 'day').startOf('day')];
}

/**
 * Month, week and day views of tasks, planned follow-ups and contacts' anniversaries. Dragging a
 * task to another day keeps its time of day and moves it there.
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('nav.calendar'));
  const chinese = i18n.language.startsWith('zh');
  const [showLunar, setShowLunar] = useState(chinese);
  const { message } = App.useApp();
  const { can, info } = useSession();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('month');
  const [date, setDate] = useState(dayjs());
  const [userId, setUserId] = useState<number | undefined>();
  const [creating, setCreating] = useState<Dayjs | null>(null);
  const [from, to] = rangeOf(mode, date);
  const { data: events = [], isFetching } = useCalendar(from.toISOString(), to.toISOString(), userId);
  const update = useUpdateTask();
  const reportError = useErrorReporter();
  const [dragging, setDragging] = useState<CalendarEvent | null>(null);

  const lunarRange = showLunar ? [from.format('YYYY-MM-DD'), to.subtract(1, 'day').format('YYYY-MM-DD')] : [null, null];
  const lunarDays = useLunarDays(lunarRange[0], lunarRange[1]).data?.days ?? [];
  const lunarCaption = (day: Dayjs) => {
    const lunar = lunarDays.find((d) => d.date === day.format('YYYY-MM-DD'));
    return lunar ? (
      <Typography.Text
        type={lunar.solarTerm ? 'success' : 'secondary'}
        style={{ fontSize: 11, display: 'block' }}
        data-testid={`lunar-${lunar.date}`}
      >
        {lunarDayCaption(t, chinese, lunar)}
      </Typography.Text>
    ) : null;
  };
  const eventsOn = (day: Dayjs) => events.filter((e) => dayjs(e.start).isSame(day, 'day'));
  const open = (event: CalendarEvent) => {
    if (event.kind !== 'task' && event.entity && event.entityId)
      void navigate(`${paths[event.entity]}/${event.entityId}`);
    if (event.kind === 'task') void navigate('/tasks');
  };
  const dropOn = (day: Dayjs) => {
    if (!dragging?.movable || !dragging.entityId) return;
    const start = dayjs(dragging.start);
    const dueAt = day.hour(start.hour()).minute(start.minute()).second(0);
    update.mutate(
      { id: dragging.entityId, body: { dueAt: dueAt.toISOString() } },
      {
        onSuccess: () => void message.success(t('tasks.moved', { date: dueAt.format('YYYY-MM-DD') })),
        onError: reportError,
      },
    );
    setDragging(null);
  };
  const chip = (event: CalendarEvent) => (
    <div
      key={event.id}
      draggable={event.movable && can('tasks.edit')}
      onDragStart={() => setDragging(event)}
      onClick={(e) => {
        e.stopPropagation();
        open(event);
      }}
      data-testid={`event-${event.id}`}
      style={{
        cursor: event.movable ? 'grab' : 'pointer',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        fontSize: 12,
      }}
    >
      <Badge
        color={colors[event.kind]}
        text={`${event.allDay ? '' : `${dayjs(event.start).format('HH:mm')} `}${event.title}`}
        style={{ textDecoration: event.status === 'done' ? 'line-through' : undefined }}
      />
    </div>
  );
  const dropZone = (day: Dayjs, children: React.ReactNode, style: React.CSSProperties = {}) => (
    <div
      data-testid={`day-${day.format('YYYY-MM-DD')}`}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        dropOn(day);
      }}
      style={{ minHeight: 60, ...style }}
    >
      {children}
    </div>
  );

  return (
    <Card
      title={t('nav.calendar')}
      loading={false}
      extra={
        <Space wrap>
          <Space size={4}>
            <Switch
              size="small"
              checked={showLunar}
              onChange={setShowLunar}
              aria-label={t('lunarCalendar.showLunar')}
            />
            <Typography.Text>{t('lunarCalendar.showLunar')}</Typography.Text>
          </Space>
          {userId !== undefined || can('org.view') ? (
            <UserSelect
              allowClear
              placeholder={info?.user.displayName}
              value={userId}
              onChange={(v) => setUserId(v as number | undefined)}
              style={{ width: 160 }}
            />
          ) : null}
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            options={(['month', 'week', 'day'] as const).map((m) => ({ value: m, label: t(`calendar.${m}`) }))}
          />
          {can('tasks.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(date.hour(10).minute(0))}>
              {t('tasks.new')}
            </Button>
          )}
        </Space>
      }
    >
      {mode === 'month' && (
        <Calendar
          value={date}
          onPanelChange={(d) => setDate(d)}
          onSelect={(d, info) => {
            setDate(d);
            if (info.source === 'date') setMode('day');
          }}
          cellRender={(current, info) =>
            info.type === 'date'
              ? dropZone(
                  current,
                  <>
                    {lunarCaption(current)}
                    {eventsOn(current).slice(0, 4).map(chip)}
                  </>,
                )
              : info.originNode
          }
        />
      )}
      {mode !== 'month' && (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Button onClick={() => setDate(date.subtract(1, mode))}>‹</Button>
            <Typography.Text strong>
              {mode === 'day'
                ? date.format('YYYY-MM-DD dddd')
                : `${from.format('YYYY-MM-DD')} – ${to.subtract(1, 'day').format('MM-DD')}`}
            </Typography.Text>
            {mode === 'day' && lunarCaption(date)}
            <Button onClick={() => setDate(date.add(1, mode))}>›</Button>
            <Button onClick={() => setDate(dayjs())}>{t('calendar.today')}</Button>
          </Space>
          {mode === 'week' ? (
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(7, minmax(120px, 1fr))',
                gap: 8,
                overflowX: 'auto',
              }}
            >
              {Array.from({ length: 7 }, (_, i) => from.add(i, 'day')).map((day) => (
                <div
                  key={day.toString()}
                  style={{
                    background: day.isSame(dayjs(), 'day') ? '#e6f4ff' : '#fafafa',
                    borderRadius: 6,
                    padding: 6,
                  }}
                >
                  <Typography.Text strong>{day.format('ddd MM-DD')}</Typography.Text>
                  {lunarCaption(day)}
                  {dropZone(day, eventsOn(day).map(chip), { minHeight: 200 })}
                </div>
              ))}
            </div>
          ) : (
            <List
              loading={isFetching}
              dataSource={eventsOn(date)}
              locale={{ emptyText: <Empty description={t('calendar.nothing')} /> }}
              renderItem={(e) => <List.Item>{chip(e)}</List.Item>}
            />
          )}
        </>
      )}
      <TaskForm open={creating !== null} defaultDue={creating ?? undefined} onClose={() => setCreating(null)} />
    </Card>
  );
}
