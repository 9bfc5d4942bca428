import { BreakpointObserver } from '@angular/cdk/layout';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import {
  MatListItem,
  MatListItemIcon,
  MatListItemTitle,
  MatListSubheaderCssMatStyler,
  MatNavList,
} from '@angular/material/list';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import type { Organization } from '@app/api/models';
import { Auth } from '../auth/auth.service';
import { api } from '../http/api';
import type { Capability } from '../auth/session';
import { I18n, type TranslationKey } from '../i18n/i18n.service';
import { Format } from '../i18n/format.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { ClosureStatus } from '../organization/closure.service';
import { SeatStatus } from '../organization/seat-status.service';
import { DemoData } from '../organization/demo-data.service';
import { Ui } from '@app/shared/ui/confirm';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Theme } from '../theme/theme.service';
import { ToolbarMenus } from './toolbar-menus';

interface NavItem {
  path: string;
  icon: string;
  label: TranslationKey;
  needs?: Capability;
}

interface NavGroup {
  label: TranslationKey;
  items: NavItem[];
}

/** About 25 pages for an owner: grouped by what people come for, each group under its heading. */
const NAV: NavGroup[] = [
  {
    label: 'nav.groupActivity',
    items: [
      { path: '/dashboard', icon: 'dashboard', label: 'nav.dashboard', needs: 'readPeople' },
      { path: '/reports', icon: 'insights', label: 'nav.reports', needs: 'readPeople' },
    ],
  },
  {
    label: 'nav.groupWorkTime',
    items: [
      { path: '/attendance', icon: 'calendar_month', label: 'nav.attendance', needs: 'readPeople' },
      { path: '/absences', icon: 'beach_access', label: 'nav.absences', needs: 'readPeople' },
      { path: '/projects', icon: 'work', label: 'projects.navProjects', needs: 'readPeople' },
      { path: '/projects/my-day', icon: 'work_history', label: 'projects.navMyDay' },
      { path: '/timesheets', icon: 'fact_check', label: 'timesheets.nav' },
      {
        path: '/timesheets/approvals',
        icon: 'approval',
        label: 'timesheets.navApprovals',
        needs: 'readPeople',
      },
      { path: '/schedules', icon: 'schedule', label: 'nav.schedules', needs: 'managePeople' },
      { path: '/holidays', icon: 'event', label: 'nav.holidays', needs: 'readPeople' },
      { path: '/periods', icon: 'lock_clock', label: 'periods.nav', needs: 'managePeople' },
      { path: '/payroll', icon: 'payments', label: 'periods.payrollNav', needs: 'managePeople' },
    ],
  },
  {
    label: 'nav.groupPeople',
    items: [
      { path: '/people', icon: 'groups', label: 'nav.people', needs: 'readPeople' },
      { path: '/devices', icon: 'devices', label: 'nav.devices', needs: 'manageDevices' },
      {
        path: '/directory',
        icon: 'account_tree',
        label: 'directory.nav',
        needs: 'manageOrganization',
      },
    ],
  },
  {
    label: 'nav.groupData',
    items: [
      { path: '/rules', icon: 'rule', label: 'nav.rules', needs: 'readPeople' },
      { path: '/exports', icon: 'download', label: 'nav.exports', needs: 'manageExports' },
      { path: '/privacy', icon: 'privacy_tip', label: 'nav.privacy', needs: 'managePrivacy' },
      { path: '/audit', icon: 'history', label: 'nav.audit', needs: 'readAudit' },
    ],
  },
  {
    label: 'nav.groupAdmin',
    items: [
      { path: '/settings', icon: 'settings', label: 'nav.settings', needs: 'manageOrganization' },
      { path: '/settings/sso', icon: 'key', label: 'sso.navSso', needs: 'manageOrganization' },
      { path: '/webhooks', icon: 'webhook', label: 'webhooks.nav', needs: 'manageOrganization' },
      { path: '/billing', icon: 'receipt_long', label: 'nav.billing', needs: 'manageBilling' },
    ],
  },
  {
    label: 'nav.groupPersonal',
    items: [
      { path: '/me', icon: 'person', label: 'nav.me' },
      { path: '/security', icon: 'security', label: 'sso.navSecurity' },
      { path: '/api-access', icon: 'vpn_key', label: 'apiAccess.nav' },
    ],
  },
];

const HANDSET = '(max-width: 900px)';

@Component({
  selector: 'ctx-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    MatToolbar,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatNavList,
    MatListItem,
    MatListItemIcon,
    MatListItemTitle,
    MatListSubheaderCssMatStyler,
    MatIcon,
    MatButton,
    MatIconButton,
    ToolbarMenus,
    MatProgressBar,
    TranslatePipe,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly auth = inject(Auth);
  protected readonly i18n = inject(I18n);
  protected readonly theme = inject(Theme);
  protected readonly fmt = inject(Format);
  // Loads only for owners: nobody else can be signed in while the organization is closed.
  protected readonly closure = inject(ClosureStatus).closure;
  protected readonly seatOverrun = inject(SeatStatus).overrun;
  protected readonly demo = inject(DemoData);
  private readonly ui = inject(Ui);
  private readonly router = inject(Router);

  private readonly organizationRef = httpResource<Organization>(() =>
    api('/organizations/current'),
  );
  protected readonly organizationName = computed(
    () =>
      (this.organizationRef.hasValue() ? this.organizationRef.value()?.name : undefined) ??
      this.auth.session()?.organization?.name ??
      '',
  );

  // The first render already knows the screen: starting as a desktop and switching to a phone's
  // closed drawer laid the page out twice and animated the drawer shut.
  private readonly breakpoints = inject(BreakpointObserver);
  protected readonly handset = toSignal(
    this.breakpoints.observe(HANDSET).pipe(map((state) => state.matches)),
    { initialValue: this.breakpoints.isMatched(HANDSET) },
  );
  /**
   * On a phone the drawer starts closed: its 26 links are built when it first opens, not on every
   * page load (they were a quarter of the first render's script time).
   */
  private readonly drawerOpenedOnce = signal(false);
  protected readonly navRendered = computed(() => !this.handset() || this.drawerOpenedOnce());

  protected drawerOpening(): void {
    this.drawerOpenedOnce.set(true);
  }

  /** The groups with at least one page this person may open, and only those pages. */
  protected readonly nav = computed(() => {
    this.auth.session();
    return NAV.map((group) => ({
      label: group.label,
      items: group.items.filter((item) => !item.needs || this.auth.can(item.needs)),
    })).filter((group) => group.items.length > 0);
  });

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  /**
   * The link of the page on screen: the longest path the address starts with. A prefix match alone
   * marked "Projects" current on /projects/my-day beside "My day by project" (and Settings on
   * /settings/sso); a page under one of them with no link of its own keeps its parent's.
   */
  protected readonly currentPath = computed(() => {
    const path = this.url().split(/[?#]/)[0];
    let current = '';
    for (const { items } of this.nav()) {
      for (const { path: link } of items) {
        const under = path === link || path.startsWith(`${link}/`);
        if (under && link.length > current.length) current = link;
      }
    }
    return current;
  });

  protected async removeDemo(): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('demo.confirmRemove'))) return;
    await this.ui.run(() => this.demo.remove());
  }
}
