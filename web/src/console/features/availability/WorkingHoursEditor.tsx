import { useT } from '../../../shared/i18n/I18nProvider';
import { DEFAULT_HOURS, WEEKDAYS, type Interval, type Week, type Weekday } from './draft';

/** Working hours per weekday: several intervals a day, or a day off. Problems come keyed by API path. */
export function WorkingHoursEditor({
  week,
  problems,
  onChange,
}: {
  week: Week;
  problems: Record<string, string>;
  onChange: (week: Week) => void;
}) {
  return (
    <div className="hours-week">
      {WEEKDAYS.map((day) => (
        <DayRow key={day} day={day} intervals={week[day]} problems={problems} onChange={(ivs) => onChange({ ...week, [day]: ivs })} />
      ))}
    </div>
  );
}

function DayRow({
  day,
  intervals,
  problems,
  onChange,
}: {
  day: Weekday;
  intervals: Interval[];
  problems: Record<string, string>;
  onChange: (intervals: Interval[]) => void;
}) {
  const t = useT();
  const dayName = t(`availability.weekday.${day}`);
  const off = intervals.length === 0;
  const edit = (i: number, patch: Partial<Interval>) => onChange(intervals.map((iv, j) => (j === i ? { ...iv, ...patch } : iv)));
  return (
    <div className="hours-day" role="group" aria-label={dayName}>
      <span className="hours-day-name">{dayName}</span>
      <div className="hours-day-ranges">
        <label className="check">
          <input
            type="checkbox"
            checked={off}
            aria-label={t('availability.dayOffOn', { day: dayName })}
            onChange={(e) => onChange(e.target.checked ? [] : DEFAULT_HOURS.map((iv) => ({ ...iv })))}
          />
          {t('availability.dayOff')}
        </label>
        {intervals.map((iv, i) => {
          const p = `working_hours.${day}.${i}`;
          const problem = problems[p] ?? problems[`${p}.start`] ?? problems[`${p}.end`];
          const errorId = `hours-${day}-${i}-error`;
          const n = i + 1;
          const describedBy = problem ? { 'aria-describedby': errorId } : {};
          return (
            <div key={i} className="hours-range">
              <input
                className="hours-time"
                value={iv.start}
                inputMode="numeric"
                placeholder="09:00"
                maxLength={5}
                aria-invalid={Boolean(problem)}
                aria-label={t('availability.startsAt', { day: dayName, n })}
                {...describedBy}
                onChange={(e) => edit(i, { start: e.target.value.trim() })}
              />
              <span aria-hidden="true">–</span>
              <input
                className="hours-time"
                value={iv.end}
                inputMode="numeric"
                placeholder="18:00"
                maxLength={5}
                aria-invalid={Boolean(problem)}
                aria-label={t('availability.endsAt', { day: dayName, n })}
                {...describedBy}
                onChange={(e) => edit(i, { end: e.target.value.trim() })}
              />
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={t('availability.removeHours', { day: dayName, start: iv.start, end: iv.end })}
                onClick={() => onChange(intervals.filter((_, j) => j !== i))}
              >
                ×
              </button>
              {problem && (
                <span id={errorId} className="field-error">
                  {problem}
                </span>
              )}
            </div>
          );
        })}
        <button
          type="button"
          className="btn btn-small"
          aria-label={t('availability.addHoursOn', { day: dayName })}
          onClick={() => onChange([...intervals, off ? { ...DEFAULT_HOURS[0]! } : { start: '', end: '' }])}
        >
          {t('availability.addHours')}
        </button>
      </div>
    </div>
  );
}
