import { useEffect, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useCurrentUser } from '../../../shared/auth/session';
import { useT } from '../../../shared/i18n/I18nProvider';
import './admin.css';
import { AgentsSection } from './AgentsSection';
import { AutomationsSection } from '../automations/AutomationsSection';
import { AuditLogSection } from './AuditLogSection';
import { CalendarsSection } from './calendars/CalendarsSection';
import { SkillsSection } from './skills/SkillsSection';
import { RoutingRulesSection } from './routing-rules/RoutingRulesSection';
import { SlaPoliciesSection } from './sla-policies/SlaPoliciesSection';
import { CategoriesSection } from './CategoriesSection';
import { InboundMailSection } from './InboundMailSection';
import { MailboxesSection } from './MailboxesSection';
import { PriorityMatrixSection } from './PriorityMatrixSection';
import { DEFAULT_SECTION, isAdminRole, isSection, sectionsFor, type AdminSection } from './sections';
import { TeamsSection } from './TeamsSection';
import { TokensSection } from './TokensSection';

/** `/admin/:section?`: a sub-navigation to the sections the user's role may use, and the open section. */
export function AdminPage(props: { section?: string | undefined }) {
  const t = useT();
  const me = useCurrentUser();
  const allowed = sectionsFor(me.role);
  const requested = props.section ?? DEFAULT_SECTION;
  const current = isSection(requested) ? requested : null;
  const title = current ? t(`admin.section.${current}`) : t('admin.title');
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  if (allowed.length === 0) {
    return (
      <section className="admin">
        <h1>{t('admin.title')}</h1>
        <p role="alert" className="banner banner-warn">
          {t('admin.forbidden.area')}
        </p>
      </section>
    );
  }

  let content: ReactNode;
  if (!current) content = <p role="alert">{t('common.notFound')}</p>;
  else if (!allowed.includes(current)) {
    content = (
      <p role="alert" className="banner banner-warn">
        {t('admin.forbidden.section')}
      </p>
    );
  } else content = <SectionView section={current} canEdit={isAdminRole(me.role)} />;

  return (
    <section className="admin" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <div className="admin-layout">
        <nav aria-label={t('admin.nav')} className="admin-subnav">
          <ul>
            {allowed.map((s) => (
              <li key={s}>
                <Link href={`/admin/${s}`} aria-current={s === current ? 'page' : undefined}>
                  {t(`admin.section.${s}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="admin-content">{content}</div>
      </div>
    </section>
  );
}

function SectionView({ section, canEdit }: { section: AdminSection; canEdit: boolean }) {
  switch (section) {
    case 'agents':
      return <AgentsSection canEdit={canEdit} />;
    case 'teams':
      return <TeamsSection canEdit={canEdit} />;
    case 'skills':
      return <SkillsSection canEdit={canEdit} />;
    case 'categories':
      return <CategoriesSection />;
    case 'priority-matrix':
      return <PriorityMatrixSection />;
    case 'calendars':
      return <CalendarsSection canEdit={canEdit} />;
    case 'sla-policies':
      return <SlaPoliciesSection canEdit={canEdit} />;
    case 'routing-rules':
      return <RoutingRulesSection canEdit={canEdit} />;
    case 'automations':
      return <AutomationsSection canEdit={canEdit} />;
    case 'mailboxes':
      return <MailboxesSection />;
    case 'inbound-mail':
      return <InboundMailSection />;
    case 'tokens':
      return <TokensSection />;
    case 'audit-log':
      return <AuditLogSection />;
  }
}
