import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  ClientDto,
  ClientListDto,
  CreateClientDto,
  CreateMemberDto,
  CreateProjectDto,
  CreateTaskDto,
  ListProjectsQueryDto,
  MemberDto,
  MemberListDto,
  MemberParamsDto,
  ProjectDto,
  ProjectListDto,
  TaskDto,
  TaskListDto,
  TaskParamsDto,
  UpdateClientDto,
  UpdateProjectDto,
  UpdateTaskDto,
} from './dto/catalog.dto.js';
import { clientDto, memberDto, projectDto, taskDto } from './dto/mappers.js';
import { ProjectsService } from './projects.service.js';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('clients')
export class ClientsController {
  constructor(@Inject(ProjectsService) private readonly projects: ProjectsService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'List clients' })
  @ApiOkResponse({ type: ClientListDto })
  async listClients(@CurrentPrincipal() p: Principal): Promise<ClientListDto> {
    return { items: (await this.projects.listClients(p)).map(clientDto) };
  }

  @Post()
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Create a client (owner, admin, hr)' })
  @ApiCreatedResponse({ type: ClientDto })
  async createClient(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateClientDto,
  ): Promise<ClientDto> {
    return clientDto(await this.projects.createClient(p, body));
  }

  @Get(':id')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'One client' })
  @ApiOkResponse({ type: ClientDto })
  async getClient(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<ClientDto> {
    return clientDto(await this.projects.getClient(p, id));
  }

  @Patch(':id')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Rename, archive or restore a client' })
  @ApiOkResponse({ type: ClientDto })
  async updateClient(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: UpdateClientDto,
  ): Promise<ClientDto> {
    return clientDto(await this.projects.updateClient(p, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Delete a client without projects' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The client has projects: archive it instead.' })
  async deleteClient(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.projects.deleteClient(p, id);
  }
}

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(@Inject(ProjectsService) private readonly projects: ProjectsService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({
    summary: 'List projects',
    description:
      'Everyone but employees sees every project; an employee the projects they may book to.',
  })
  @ApiOkResponse({ type: ProjectListDto })
  async listProjects(
    @CurrentPrincipal() p: Principal,
    @Query() q: ListProjectsQueryDto,
  ): Promise<ProjectListDto> {
    return { items: (await this.projects.listProjects(p, q.archived !== 'false')).map(projectDto) };
  }

  @Post()
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Create a project (owner, admin, hr)' })
  @ApiCreatedResponse({ type: ProjectDto })
  async createProject(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateProjectDto,
  ): Promise<ProjectDto> {
    return projectDto(await this.projects.createProject(p, body));
  }

  @Get(':id')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'One project' })
  @ApiOkResponse({ type: ProjectDto })
  async getProject(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<ProjectDto> {
    return projectDto(await this.projects.getProject(p, id));
  }

  @Patch(':id')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Change, archive or restore a project' })
  @ApiOkResponse({ type: ProjectDto })
  async updateProject(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: UpdateProjectDto,
  ): Promise<ProjectDto> {
    return projectDto(await this.projects.updateProject(p, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Delete a project no time was booked or allocated to' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Time was booked: archive it instead.' })
  async deleteProject(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.projects.deleteProject(p, id);
  }

  @Get(':id/tasks')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'A project’s tasks' })
  @ApiOkResponse({ type: TaskListDto })
  async listProjectTasks(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<TaskListDto> {
    return { items: (await this.projects.listTasks(p, id)).map(taskDto) };
  }

  @Post(':id/tasks')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Add a task to a project' })
  @ApiCreatedResponse({ type: TaskDto })
  async createProjectTask(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: CreateTaskDto,
  ): Promise<TaskDto> {
    return taskDto(await this.projects.createTask(p, id, body));
  }

  @Patch(':id/tasks/:taskId')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Rename, archive or restore a task' })
  @ApiOkResponse({ type: TaskDto })
  async updateProjectTask(
    @CurrentPrincipal() p: Principal,
    @Param() { id, taskId }: TaskParamsDto,
    @Body() body: UpdateTaskDto,
  ): Promise<TaskDto> {
    return taskDto(await this.projects.updateTask(p, id, taskId, body));
  }

  @Delete(':id/tasks/:taskId')
  @HttpCode(204)
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Delete a task no time was booked to' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Time was booked: archive it instead.' })
  async deleteProjectTask(
    @CurrentPrincipal() p: Principal,
    @Param() { id, taskId }: TaskParamsDto,
  ): Promise<void> {
    await this.projects.deleteTask(p, id, taskId);
  }

  @Get(':id/members')
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'A project’s members (teams and employees); none: open to everyone' })
  @ApiOkResponse({ type: MemberListDto })
  async listProjectMembers(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<MemberListDto> {
    return { items: (await this.projects.listMembers(p, id)).map(memberDto) };
  }

  @Post(':id/members')
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Add a team or an employee to a project' })
  @ApiCreatedResponse({ type: MemberDto })
  async addProjectMember(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() body: CreateMemberDto,
  ): Promise<MemberDto> {
    return memberDto(await this.projects.addMember(p, id, body));
  }

  @Delete(':id/members/:memberId')
  @HttpCode(204)
  @RequirePermissions('employees:manage')
  @ApiOperation({ summary: 'Remove a member from a project' })
  @ApiNoContentResponse()
  async removeProjectMember(
    @CurrentPrincipal() p: Principal,
    @Param() { id, memberId }: MemberParamsDto,
  ): Promise<void> {
    await this.projects.removeMember(p, id, memberId);
  }
}
