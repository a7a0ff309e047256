resource "aws_ecs_cluster" "main" {
  name = "vault-demo-dev"

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_service_discovery_private_dns_namespace" "main" {
  name        = "vault-demo-dev.internal"
  description = "private names of vault-demo dev"
  vpc         = aws_vpc.main.id
}

resource "aws_iam_role" "execution" {
  name        = "vault-demo-dev-execution"
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
        Resource = [aws_secretsmanager_secret.admin_password.arn, aws_secretsmanager_secret.cookie_key.arn, aws_secretsmanager_secret.sentry_sentry_dsn.arn, aws_secretsmanager_secret.smtp_password.arn]
      },
    ]
  })
}

resource "aws_iam_role" "task" {
  name        = "vault-demo-dev-task"
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
  name        = "vault-demo-dev-api"
  description = "service api: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "api_out" {
  security_group_id = aws_security_group.api.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_vpc_security_group_ingress_rule" "api_from_alb" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
  description                  = "from the load balancer"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/vault-demo/dev/api"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "api" {
  family                   = "vault-demo-dev-api"
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
      name      = "api"
      image     = "registry.digitalocean.com/example/vault-demo-api:0.3.0"
      essential = true
      portMappings = [
        {
          containerPort = 8000
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "PORT"
          value = "8000"
        },
      ]
      secrets = [
        {
          name      = "ADMIN_PASSWORD"
          valueFrom = aws_secretsmanager_secret.admin_password.arn
        },
        {
          name      = "COOKIE_KEY"
          valueFrom = aws_secretsmanager_secret.cookie_key.arn
        },
        {
          name      = "SENTRY_DSN"
          valueFrom = aws_secretsmanager_secret.sentry_sentry_dsn.arn
        },
        {
          name      = "SMTP_PASSWORD"
          valueFrom = aws_secretsmanager_secret.smtp_password.arn
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
  name                              = "api"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.api.arn
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
    security_groups  = [aws_security_group.api.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8000
  }

  service_registries {
    registry_arn = aws_service_discovery_service.api.arn
  }

  depends_on = [aws_lb_listener.http, aws_secretsmanager_secret_version.admin_password, aws_secretsmanager_secret_version.cookie_key, aws_secretsmanager_secret_version.sentry_sentry_dsn, aws_secretsmanager_secret_version.smtp_password, aws_iam_role_policy_attachment.execution, aws_iam_role_policy.execution_secrets]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.api.arn], self.task_definition)
      error_message = "ECS rolled the deployment of api back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_security_group" "mailer" {
  name        = "vault-demo-dev-mailer"
  description = "service mailer: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "mailer_out" {
  security_group_id = aws_security_group.mailer.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_cloudwatch_log_group" "mailer" {
  name              = "/ecs/vault-demo/dev/mailer"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "mailer" {
  family                   = "vault-demo-dev-mailer"
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
      name        = "mailer"
      image       = "registry.digitalocean.com/example/vault-demo-mailer:0.3.0"
      essential   = true
      environment = []
      secrets = [
        {
          name      = "SENTRY_DSN"
          valueFrom = aws_secretsmanager_secret.sentry_sentry_dsn.arn
        },
        {
          name      = "SMTP_PASSWORD"
          valueFrom = aws_secretsmanager_secret.smtp_password.arn
        },
      ]
      healthCheck = {
        command     = ["CMD", "mailer", "--check"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.mailer.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "mailer" {
  name                  = "mailer"
  cluster               = aws_ecs_cluster.main.id
  task_definition       = aws_ecs_task_definition.mailer.arn
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
    security_groups  = [aws_security_group.mailer.id]
    assign_public_ip = false
  }

  depends_on = [aws_secretsmanager_secret_version.sentry_sentry_dsn, aws_secretsmanager_secret_version.smtp_password, aws_iam_role_policy_attachment.execution, aws_iam_role_policy.execution_secrets]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.mailer.arn], self.task_definition)
      error_message = "ECS rolled the deployment of mailer back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}
