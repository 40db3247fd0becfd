import { Redirect, Route, Switch } from 'wouter';
import { AuthGate } from '../shared/auth/session';
import { RealtimeProvider } from '../shared/realtime/RealtimeProvider';
import { AdminPage } from './features/admin/AdminPage';
import { MacrosPage } from './features/macros/MacrosPage';
import { QueuePage } from './features/queues/QueuePage';
import { ReportsPage } from './features/reports/ReportsPage';
import { TicketPage } from './features/ticket/TicketPage';
import { Shell } from './Shell';

/** The agent console: `/queues/:queue`, `/views/:id`, `/tickets/:number`, `/macros`, `/reports`, `/admin/:section`. */
export function ConsoleApp() {
  return (
    <AuthGate accept="agent" redirect="/portal/">
      <RealtimeProvider>
        <Shell>
          <Switch>
            <Route path="/">
              <Redirect to="/queues/mine" replace />
            </Route>
            <Route path="/queues/:queue">{(p) => <QueuePage queue={p.queue} />}</Route>
            <Route path="/views/:id">{(p) => <QueuePage viewId={p.id} />}</Route>
            <Route path="/tickets/:number">{(p) => <TicketPage number={Number(p.number)} />}</Route>
            <Route path="/admin/:section?">{(p) => <AdminPage section={p.section} />}</Route>
            <Route path="/reports">
              <ReportsPage />
            </Route>
            <Route path="/macros">
              <MacrosPage />
            </Route>
            <Route>
              <Redirect to="/queues/mine" replace />
            </Route>
          </Switch>
        </Shell>
      </RealtimeProvider>
    </AuthGate>
  );
}
