resource "aws_ecs_cluster" "main" {
  name = "picker-wheel-staging"

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_service_discovery_private_dns_namespace" "main" {
  name        = "picker-wheel-staging.internal"
  description = "private names of picker-wheel staging"
  vpc         = aws_vpc.main.id
}

resource "aws_iam_role" "execution" {
  name        = "picker-wheel-staging-execution"
  description = "ECS pulls images, writes logs and reads the deployment's secrets"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "execution_secrets" {
  name = "read-deployment-secrets"
  role = aws_iam_role.execution.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [aws_secretsmanager_secret.jwt_secret.arn, aws_secretsmanager_secret.session_secret.arn]
      },
    ]
  })
}

resource "aws_iam_role" "task" {
  name        = "picker-wheel-staging-task"
  description = "what the app's containers may call in AWS: nothing by default"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_security_group" "api" {
  name        = "picker-wheel-staging-api"
  description = "service api: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "api_out" {
  security_group_id = aws_security_group.api.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_vpc_security_group_ingress_rule" "api_from_ui_server" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.ui_server.id
  ip_protocol                  = "tcp"
  from_port                    = 47040
  to_port                      = 47040
  description                  = "from ui_server"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/picker-wheel/staging/api"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "api" {
  family                   = "picker-wheel-staging-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "1024"
  memory                   = "2048"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "ghcr.io/vrooli/picker-wheel-api:1.2.3"
      essential = true
      portMappings = [
        {
          containerPort = 47040
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "DATABASE_URL"
          value = "file:/data/picker-wheel.db"
        },
        {
          name  = "HTTP_PORT"
          value = "47040"
        },
        {
          name  = "LOG_LEVEL"
          value = "info"
        },
      ]
      secrets = [
        {
          name      = "JWT_SECRET"
          valueFrom = aws_secretsmanager_secret.jwt_secret.arn
        },
        {
          name      = "SESSION_SECRET"
          valueFrom = aws_secretsmanager_secret.session_secret.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.api.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_service_discovery_service" "api" {
  name = "api"

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.main.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }
}

resource "aws_ecs_service" "api" {
  name                  = "api"
  cluster               = aws_ecs_cluster.main.id
  task_definition       = aws_ecs_task_definition.api.arn
  desired_count         = 2
  launch_type           = "FARGATE"
  propagate_tags        = "SERVICE"
  wait_for_steady_state = true

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.api.id]
    assign_public_ip = false
  }

  service_registries {
    registry_arn = aws_service_discovery_service.api.arn
  }

  depends_on = [aws_secretsmanager_secret_version.jwt_secret, aws_secretsmanager_secret_version.session_secret, aws_iam_role_policy_attachment.execution, aws_iam_role_policy.execution_secrets]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.api.arn], self.task_definition)
      error_message = "ECS rolled the deployment of api back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_security_group" "sqlite" {
  name        = "picker-wheel-staging-sqlite"
  description = "service sqlite: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "sqlite_out" {
  security_group_id = aws_security_group.sqlite.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_vpc_security_group_ingress_rule" "sqlite_from_api" {
  security_group_id            = aws_security_group.sqlite.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 47080
  to_port                      = 47080
  description                  = "from api"
}

resource "aws_cloudwatch_log_group" "sqlite" {
  name              = "/ecs/picker-wheel/staging/sqlite"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "sqlite" {
  family                   = "picker-wheel-staging-sqlite"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "sqlite"
      image     = "ghcr.io/vrooli/picker-wheel-sqlite@sha256:0d5f5b6e1c3a4b7f9e2d8c6a1b3e5f7a9c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f"
      essential = true
      portMappings = [
        {
          containerPort = 47080
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "DB_FILE"
          value = "data/picker-wheel/picker-wheel.db"
        },
      ]
      secrets = []
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.sqlite.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_service_discovery_service" "sqlite" {
  name = "sqlite"

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.main.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }
}

resource "aws_ecs_service" "sqlite" {
  name                  = "sqlite"
  cluster               = aws_ecs_cluster.main.id
  task_definition       = aws_ecs_task_definition.sqlite.arn
  desired_count         = 1
  launch_type           = "FARGATE"
  propagate_tags        = "SERVICE"
  wait_for_steady_state = true

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.sqlite.id]
    assign_public_ip = false
  }

  service_registries {
    registry_arn = aws_service_discovery_service.sqlite.arn
  }

  depends_on = [aws_iam_role_policy_attachment.execution]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.sqlite.arn], self.task_definition)
      error_message = "ECS rolled the deployment of sqlite back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_security_group" "ui_server" {
  name        = "picker-wheel-staging-ui-server"
  description = "service ui-server: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "ui_server_out" {
  security_group_id = aws_security_group.ui_server.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_vpc_security_group_ingress_rule" "ui_server_from_alb" {
  security_group_id            = aws_security_group.ui_server.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 47010
  to_port                      = 47010
  description                  = "from the load balancer"
}

resource "aws_cloudwatch_log_group" "ui_server" {
  name              = "/ecs/picker-wheel/staging/ui-server"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "ui_server" {
  family                   = "picker-wheel-staging-ui-server"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "ui_server"
      image     = "ghcr.io/vrooli/picker-wheel-ui:1.2.3"
      essential = true
      portMappings = [
        {
          containerPort = 47010
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "API_BASE_URL"
          value = "http://api.picker-wheel-staging.internal:47040"
        },
        {
          name  = "STATIC_DIR"
          value = "ui/dist"
        },
      ]
      secrets = []
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.ui_server.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_service_discovery_service" "ui_server" {
  name = "ui-server"

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.main.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }
}

resource "aws_ecs_service" "ui_server" {
  name                              = "ui-server"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.ui_server.arn
  desired_count                     = 1
  launch_type                       = "FARGATE"
  propagate_tags                    = "SERVICE"
  wait_for_steady_state             = true
  health_check_grace_period_seconds = 60

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ui_server.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.ui_server.arn
    container_name   = "ui_server"
    container_port   = 47010
  }

  service_registries {
    registry_arn = aws_service_discovery_service.ui_server.arn
  }

  depends_on = [aws_lb_listener.http, aws_iam_role_policy_attachment.execution]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.ui_server.arn], self.task_definition)
      error_message = "ECS rolled the deployment of ui-server back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_ecs_task_definition" "api_migrate_20250101t000" {
  family                   = "picker-wheel-staging-api-migrate-20250101t000"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "1024"
  memory                   = "2048"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "api_migrate_20250101t000"
      image     = "ghcr.io/vrooli/picker-wheel-api:1.2.3"
      essential = true
      command   = ["./picker-wheel-api", "migrate", "--dsn", "file:/data/picker-wheel.db"]
      environment = [
        {
          name  = "DATABASE_URL"
          value = "file:/data/picker-wheel.db"
        },
        {
          name  = "HTTP_PORT"
          value = "47040"
        },
        {
          name  = "LOG_LEVEL"
          value = "info"
        },
      ]
      secrets = [
        {
          name      = "JWT_SECRET"
          valueFrom = aws_secretsmanager_secret.jwt_secret.arn
        },
        {
          name      = "SESSION_SECRET"
          valueFrom = aws_secretsmanager_secret.session_secret.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.api.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "migration"
        }
      }
    },
  ])
}
