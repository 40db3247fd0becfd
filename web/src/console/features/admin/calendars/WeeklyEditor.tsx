import { useT } from '../../../../shared/i18n/I18nProvider';
import { DEFAULT_HOURS, intervalProblem, WEEKDAYS, type CalendarDraft, type Interval, type Weekday } from './draft';

type Weekly = CalendarDraft['weekly'];

/** Opening hours per weekday: several intervals a day, or closed. Problems come keyed by API path. */
export function WeeklyEditor({
  weekly,
  problems,
  readOnly,
  onChange,
}: {
  weekly: Weekly;
  problems: Record<string, string>;
  readOnly: boolean;
  onChange: (weekly: Weekly) => void;
}) {
  const t = useT();
  const setDay = (day: Weekday, intervals: Interval[]) => onChange({ ...weekly, [day]: intervals });
  return (
    <fieldset className="calendar-weekly">
      <legend>{t('admin.calendars.weekly')}</legend>
      {!readOnly && <p className="field-hint">{t('admin.calendars.timeHint')}</p>}
      {WEEKDAYS.map((day) => (
        <DayRow key={day} day={day} intervals={weekly[day]} problems={problems} readOnly={readOnly} onChange={(ivs) => setDay(day, ivs)} />
      ))}
    </fieldset>
  );
}

function DayRow({
  day,
  intervals,
  problems,
  readOnly,
  onChange,
}: {
  day: Weekday;
  intervals: Interval[];
  problems: Record<string, string>;
  readOnly: boolean;
  onChange: (intervals: Interval[]) => void;
}) {
  const t = useT();
  const dayName = t(`admin.calendars.weekday.${day}`);
  const closed = intervals.length === 0;
  const edit = (i: number, patch: Partial<Interval>) => onChange(intervals.map((iv, j) => (j === i ? { ...iv, ...patch } : iv)));
  return (
    <div className="calendar-day" role="group" aria-label={dayName}>
      <span className="calendar-day-name">{dayName}</span>
      <div className="calendar-day-hours">
        <label className="check">
          <input
            type="checkbox"
            checked={closed}
            disabled={readOnly}
            aria-label={t('admin.calendars.closedOn', { day: dayName })}
            onChange={(e) => onChange(e.target.checked ? [] : [{ ...DEFAULT_HOURS }])}
          />
          {t('admin.calendars.closed')}
        </label>
        {intervals.map((iv, i) => {
          const problem = intervalProblem(problems, day, i);
          const n = i + 1;
          return (
            <div key={i} className="calendar-interval">
              <input
                className="calendar-time"
                value={iv.start}
                readOnly={readOnly}
                inputMode="numeric"
                placeholder="09:00"
                maxLength={5}
                aria-invalid={Boolean(problem)}
                aria-label={t('admin.calendars.opensAt', { day: dayName, n })}
                onChange={(e) => edit(i, { start: e.target.value.trim() })}
              />
              <span aria-hidden="true">–</span>
              <input
                className="calendar-time"
                value={iv.end}
                readOnly={readOnly}
                inputMode="numeric"
                placeholder="18:00"
                maxLength={5}
                aria-invalid={Boolean(problem)}
                aria-label={t('admin.calendars.closesAt', { day: dayName, n })}
                onChange={(e) => edit(i, { end: e.target.value.trim() })}
              />
              {!readOnly && (
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  aria-label={t('admin.calendars.removeInterval', { day: dayName, start: iv.start, end: iv.end })}
                  onClick={() => onChange(intervals.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              )}
              {problem && <span className="field-error">{problem}</span>}
            </div>
          );
        })}
        {!readOnly && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('admin.calendars.addIntervalOn', { day: dayName })}
            onClick={() => onChange([...intervals, closed ? { ...DEFAULT_HOURS } : { start: '', end: '' }])}
          >
            {t('admin.calendars.addInterval')}
          </button>
        )}
      </div>
    </div>
  );
}
