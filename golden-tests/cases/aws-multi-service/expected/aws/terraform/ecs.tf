resource "aws_ecs_cluster" "main" {
  name = "ledger-prod"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_service_discovery_private_dns_namespace" "main" {
  name        = "ledger-prod.internal"
  description = "private names of ledger prod"
  vpc         = aws_vpc.main.id
}

resource "aws_iam_role" "execution" {
  name        = "ledger-prod-execution"
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
        Resource = [aws_secretsmanager_secret.session_key.arn, aws_secretsmanager_secret.stripe_key.arn, aws_db_instance.postgres.master_user_secret[0].secret_arn]
      },
    ]
  })
}

resource "aws_iam_role" "task" {
  name        = "ledger-prod-task"
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
  name        = "ledger-prod-api"
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
  from_port                    = 8080
  to_port                      = 8080
  description                  = "from the load balancer"
}

resource "aws_vpc_security_group_ingress_rule" "api_from_web" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "from web"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/ledger/prod/api"
  retention_in_days = 90
}

resource "aws_ecs_task_definition" "api" {
  family                   = "ledger-prod-api"
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
      image     = "ghcr.io/example/ledger-api:2.4.0"
      essential = true
      portMappings = [
        {
          containerPort = 8080
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "LOG_LEVEL"
          value = "info"
        },
        {
          name  = "PORT"
          value = "8080"
        },
        {
          name  = "POSTGRES_DB"
          value = "ledger"
        },
        {
          name  = "POSTGRES_HOST"
          value = aws_db_instance.postgres.address
        },
        {
          name  = "POSTGRES_PORT"
          value = "5432"
        },
        {
          name  = "POSTGRES_USER"
          value = "s2c_app"
        },
        {
          name  = "PUBLIC_ORIGIN"
          value = "https://ledger.example.com"
        },
        {
          name  = "REDIS_URL"
          value = format("rediss://%s:6379", aws_elasticache_replication_group.redis.primary_endpoint_address)
        },
        {
          name  = "WS_PORT"
          value = "8090"
        },
      ]
      secrets = [
        {
          name      = "POSTGRES_PASSWORD"
          valueFrom = format("%s:password::", aws_db_instance.postgres.master_user_secret[0].secret_arn)
        },
        {
          name      = "SESSION_KEY"
          valueFrom = aws_secretsmanager_secret.session_key.arn
        },
        {
          name      = "STRIPE_API_KEY"
          valueFrom = aws_secretsmanager_secret.stripe_key.arn
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
  desired_count                     = 3
  launch_type                       = "FARGATE"
  propagate_tags                    = "SERVICE"
  wait_for_steady_state             = true
  health_check_grace_period_seconds = 60

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id, aws_subnet.private_3.id]
    security_groups  = [aws_security_group.api.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8080
  }

  service_registries {
    registry_arn = aws_service_discovery_service.api.arn
  }

  depends_on = [aws_lb_listener.https, aws_db_instance.postgres, aws_secretsmanager_secret_version.session_key, aws_secretsmanager_secret_version.stripe_key, aws_iam_role_policy_attachment.execution, aws_iam_role_policy.execution_secrets]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.api.arn], self.task_definition)
      error_message = "ECS rolled the deployment of api back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_security_group" "reconciler" {
  name        = "ledger-prod-reconciler"
  description = "service reconciler: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "reconciler_out" {
  security_group_id = aws_security_group.reconciler.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_cloudwatch_log_group" "reconciler" {
  name              = "/ecs/ledger/prod/reconciler"
  retention_in_days = 90
}

resource "aws_ecs_task_definition" "reconciler" {
  family                   = "ledger-prod-reconciler"
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
      name      = "reconciler"
      image     = "ghcr.io/example/ledger-api:2.4.0"
      essential = true
      command   = ["/app/ledger", "worker", "--queue", "reconcile jobs"]
      environment = [
        {
          name  = "POSTGRES_DB"
          value = "ledger"
        },
        {
          name  = "POSTGRES_HOST"
          value = aws_db_instance.postgres.address
        },
        {
          name  = "POSTGRES_PORT"
          value = "5432"
        },
        {
          name  = "POSTGRES_USER"
          value = "s2c_app"
        },
        {
          name  = "REDIS_URL"
          value = format("rediss://%s:6379", aws_elasticache_replication_group.redis.primary_endpoint_address)
        },
      ]
      secrets = [
        {
          name      = "POSTGRES_PASSWORD"
          valueFrom = format("%s:password::", aws_db_instance.postgres.master_user_secret[0].secret_arn)
        },
        {
          name      = "STRIPE_API_KEY"
          valueFrom = aws_secretsmanager_secret.stripe_key.arn
        },
      ]
      healthCheck = {
        command     = ["CMD", "/app/ledger", "ping"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.reconciler.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "reconciler" {
  name                  = "reconciler"
  cluster               = aws_ecs_cluster.main.id
  task_definition       = aws_ecs_task_definition.reconciler.arn
  desired_count         = 1
  launch_type           = "FARGATE"
  propagate_tags        = "SERVICE"
  wait_for_steady_state = true

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id, aws_subnet.private_3.id]
    security_groups  = [aws_security_group.reconciler.id]
    assign_public_ip = false
  }

  depends_on = [aws_db_instance.postgres, aws_secretsmanager_secret_version.stripe_key, aws_iam_role_policy_attachment.execution, aws_iam_role_policy.execution_secrets]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.reconciler.arn], self.task_definition)
      error_message = "ECS rolled the deployment of reconciler back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_security_group" "web" {
  name        = "ledger-prod-web"
  description = "service web: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "web_out" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_vpc_security_group_ingress_rule" "web_from_alb" {
  security_group_id            = aws_security_group.web.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 3000
  to_port                      = 3000
  description                  = "from the load balancer"
}

resource "aws_cloudwatch_log_group" "web" {
  name              = "/ecs/ledger/prod/web"
  retention_in_days = 90
}

resource "aws_ecs_task_definition" "web" {
  family                   = "ledger-prod-web"
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
      name      = "web"
      image     = "ghcr.io/example/ledger-web@sha256:4f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d"
      essential = true
      portMappings = [
        {
          containerPort = 3000
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "API_URL"
          value = "http://api.ledger-prod.internal:8080"
        },
        {
          name  = "PORT"
          value = "3000"
        },
      ]
      secrets = []
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.web.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_service_discovery_service" "web" {
  name = "web"

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.main.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }
}

resource "aws_ecs_service" "web" {
  name                              = "web"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.web.arn
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
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id, aws_subnet.private_3.id]
    security_groups  = [aws_security_group.web.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "web"
    container_port   = 3000
  }

  service_registries {
    registry_arn = aws_service_discovery_service.web.arn
  }

  depends_on = [aws_lb_listener.https, aws_iam_role_policy_attachment.execution]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.web.arn], self.task_definition)
      error_message = "ECS rolled the deployment of web back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_ecs_task_definition" "api_migrate_20240601" {
  family                   = "ledger-prod-api-migrate-20240601"
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
      name      = "api_migrate_20240601"
      image     = "ghcr.io/example/ledger-api:2.4.0"
      essential = true
      command   = ["/app/ledger", "migrate", "up"]
      environment = [
        {
          name  = "LOG_LEVEL"
          value = "info"
        },
        {
          name  = "MIGRATE_LOCK_TIMEOUT"
          value = "60s"
        },
        {
          name  = "PORT"
          value = "8080"
        },
        {
          name  = "POSTGRES_DB"
          value = "ledger"
        },
        {
          name  = "POSTGRES_HOST"
          value = aws_db_instance.postgres.address
        },
        {
          name  = "POSTGRES_PORT"
          value = "5432"
        },
        {
          name  = "POSTGRES_USER"
          value = "s2c_app"
        },
        {
          name  = "PUBLIC_ORIGIN"
          value = "https://ledger.example.com"
        },
        {
          name  = "REDIS_URL"
          value = format("rediss://%s:6379", aws_elasticache_replication_group.redis.primary_endpoint_address)
        },
        {
          name  = "WS_PORT"
          value = "8090"
        },
      ]
      secrets = [
        {
          name      = "POSTGRES_PASSWORD"
          valueFrom = format("%s:password::", aws_db_instance.postgres.master_user_secret[0].secret_arn)
        },
        {
          name      = "SESSION_KEY"
          valueFrom = aws_secretsmanager_secret.session_key.arn
        },
        {
          name      = "STRIPE_API_KEY"
          valueFrom = aws_secretsmanager_secret.stripe_key.arn
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
