import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccessScopeService } from './access-scope.service.js';
import { AuthController } from './auth/auth.controller.js';
import { JwtAuthGuard, LocalAuthGuard } from './auth/auth.guards.js';
import { AuthService } from './auth/auth.service.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { LocalStrategy } from './auth/local.strategy.js';
import { LoginAttemptsRepository } from './auth/login-attempts.repository.js';
import { LoginThrottleService } from './auth/login-throttle.service.js';
import { PasswordResetTokensRepository } from './auth/password-reset-tokens.repository.js';
import { PasswordResetController } from './auth/password-reset.controller.js';
import { PasswordResetService } from './auth/password-reset.service.js';
import { PasswordService } from './auth/password.service.js';
import { SessionsRepository } from './auth/sessions.repository.js';
import { SignInLinkController } from './auth/sign-in-link.controller.js';
import { SignInLinkService } from './auth/sign-in-link.service.js';
import { SignInLinksRepository } from './auth/sign-in-links.repository.js';
import { TokenService } from './auth/token.service.js';
import { CLOCK, systemClock } from './clock.js';
import { AccountsMailDirectory } from './mail-directory.source.js';
import { EmployeesController } from './employees/employees.controller.js';
import { EmployeesRepository } from './employees/employees.repository.js';
import { EmployeesService } from './employees/employees.service.js';
import { EmployeeImportService } from './employees/employee-import.service.js';
import { OrganizationsController } from './organizations/organizations.controller.js';
import { OrganizationsRepository } from './organizations/organizations.repository.js';
import { OrganizationsService } from './organizations/organizations.service.js';
import { TeamsController } from './teams/teams.controller.js';
import { TeamsRepository } from './teams/teams.repository.js';
import { TeamsService } from './teams/teams.service.js';
import { InvitationsController } from './users/invitations.controller.js';
import { InvitationsRepository } from './users/invitations.repository.js';
import { InvitationsService } from './users/invitations.service.js';
import { MfaController } from './mfa/mfa.controller.js';
import { MfaService } from './mfa/mfa.service.js';
import { MfaPolicyController, MfaSignInController } from './mfa/mfa-policy.controller.js';
import { MfaPolicyService } from './mfa/mfa-policy.service.js';
import { MfaRepository } from './mfa/mfa.repository.js';
import { PasskeysService } from './mfa/passkeys.service.js';
import { MeController } from './users/me.controller.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';
import { UsersRepository } from './users/users.repository.js';
import { WorkScheduleAssignmentsService } from './work-schedule-assignments.service.js';

/** Organizations, users, teams, employees, invitations and authentication. */
@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [
    AuthController,
    SignInLinkController,
    PasswordResetController,
    OrganizationsController,
    UsersController,
    MeController,
    MfaController,
    MfaPolicyController,
    MfaSignInController,
    InvitationsController,
    TeamsController,
    EmployeesController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    OrganizationsRepository,
    UsersRepository,
    TeamsRepository,
    EmployeesRepository,
    SessionsRepository,
    LoginAttemptsRepository,
    InvitationsRepository,
    PasswordService,
    TokenService,
    LoginThrottleService,
    AuthService,
    SignInLinksRepository,
    SignInLinkService,
    PasswordResetTokensRepository,
    PasswordResetService,
    AccountsMailDirectory,
    JwtStrategy,
    LocalStrategy,
    JwtAuthGuard,
    LocalAuthGuard,
    AccessScopeService,
    TeamsService,
    EmployeesService,
    EmployeeImportService,
    InvitationsService,
    OrganizationsService,
    UsersService,
    MfaService,
    MfaRepository,
    MfaPolicyService,
    PasskeysService,
    WorkScheduleAssignmentsService,
  ],
  exports: [
    CLOCK,
    AuthService,
    MfaPolicyService,
    AccessScopeService,
    // Sign-in by other means (directory): sessions, MFA, throttling as for local passwords.
    AuthService,
    MfaService,
    LoginThrottleService,
    SessionsRepository,
    OrganizationsRepository,
    EmployeesRepository,
    EmployeesService,
    UsersService,
    TeamsService,
    OrganizationsService,
    SessionsRepository,
    OrganizationsRepository,
    TeamsRepository,
    UsersRepository,
    WorkScheduleAssignmentsService,
  ],
})
export class AccountsModule {}
