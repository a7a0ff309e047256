resource "aws_ecs_cluster" "main" {
  name = "picker-wheel-dev"

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_service_discovery_private_dns_namespace" "main" {
  name        = "picker-wheel-dev.internal"
  description = "private names of picker-wheel dev"
  vpc         = aws_vpc.main.id
}

resource "aws_iam_role" "execution" {
  name        = "picker-wheel-dev-execution"
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
        Resource = [aws_secretsmanager_secret.openrouter_openrouter_api_key.arn, aws_db_instance.postgres.master_user_secret[0].secret_arn]
      },
    ]
  })
}

resource "aws_iam_role" "task" {
  name        = "picker-wheel-dev-task"
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

resource "aws_security_group" "n8n" {
  name        = "picker-wheel-dev-n8n"
  description = "resource n8n: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "n8n_out" {
  security_group_id = aws_security_group.n8n.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_vpc_security_group_ingress_rule" "n8n_from_api" {
  security_group_id            = aws_security_group.n8n.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 5678
  to_port                      = 5678
  description                  = "from api"
}

resource "aws_cloudwatch_log_group" "n8n" {
  name              = "/ecs/picker-wheel/dev/n8n"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "n8n" {
  family                   = "picker-wheel-dev-n8n"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "n8n"
      image     = "n8nio/n8n:1.85.4"
      essential = true
      portMappings = [
        {
          containerPort = 5678
          protocol      = "tcp"
        },
      ]
      environment = []
      secrets     = []
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.n8n.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_service_discovery_service" "n8n" {
  name = "n8n"

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.main.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }
}

resource "aws_ecs_service" "n8n" {
  name                  = "n8n"
  cluster               = aws_ecs_cluster.main.id
  task_definition       = aws_ecs_task_definition.n8n.arn
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
    security_groups  = [aws_security_group.n8n.id]
    assign_public_ip = false
  }

  service_registries {
    registry_arn = aws_service_discovery_service.n8n.arn
  }

  depends_on = [aws_iam_role_policy_attachment.execution]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.n8n.arn], self.task_definition)
      error_message = "ECS rolled the deployment of n8n back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_security_group" "qdrant" {
  name        = "picker-wheel-dev-qdrant"
  description = "resource qdrant: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "qdrant_out" {
  security_group_id = aws_security_group.qdrant.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_vpc_security_group_ingress_rule" "qdrant_from_api" {
  security_group_id            = aws_security_group.qdrant.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 6333
  to_port                      = 6333
  description                  = "from api"
}

resource "aws_cloudwatch_log_group" "qdrant" {
  name              = "/ecs/picker-wheel/dev/qdrant"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "qdrant" {
  family                   = "picker-wheel-dev-qdrant"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "qdrant"
      image     = "qdrant/qdrant:v1.13.4"
      essential = true
      portMappings = [
        {
          containerPort = 6333
          protocol      = "tcp"
        },
      ]
      environment = []
      secrets     = []
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.qdrant.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_service_discovery_service" "qdrant" {
  name = "qdrant"

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.main.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }
}

resource "aws_ecs_service" "qdrant" {
  name                  = "qdrant"
  cluster               = aws_ecs_cluster.main.id
  task_definition       = aws_ecs_task_definition.qdrant.arn
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
    security_groups  = [aws_security_group.qdrant.id]
    assign_public_ip = false
  }

  service_registries {
    registry_arn = aws_service_discovery_service.qdrant.arn
  }

  depends_on = [aws_iam_role_policy_attachment.execution]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.qdrant.arn], self.task_definition)
      error_message = "ECS rolled the deployment of qdrant back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_security_group" "api" {
  name        = "picker-wheel-dev-api"
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
  from_port                    = 15000
  to_port                      = 15000
  description                  = "from the load balancer"
}

resource "aws_vpc_security_group_ingress_rule" "api_from_ui" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.ui.id
  ip_protocol                  = "tcp"
  from_port                    = 15000
  to_port                      = 15000
  description                  = "from ui"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/picker-wheel/dev/api"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "api" {
  family                   = "picker-wheel-dev-api"
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
      image     = "registry.digitalocean.com/vrooli/picker-wheel-api@sha256:9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0b"
      essential = true
      portMappings = [
        {
          containerPort = 15000
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "API_PORT"
          value = "15000"
        },
        {
          name  = "N8N_URL"
          value = "http://n8n.picker-wheel-dev.internal:5678"
        },
        {
          name  = "POSTGRES_DB"
          value = "picker_wheel"
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
          name  = "QDRANT_URL"
          value = "http://qdrant.picker-wheel-dev.internal:6333"
        },
      ]
      secrets = [
        {
          name      = "OPENROUTER_API_KEY"
          valueFrom = aws_secretsmanager_secret.openrouter_openrouter_api_key.arn
        },
        {
          name      = "POSTGRES_PASSWORD"
          valueFrom = format("%s:password::", aws_db_instance.postgres.master_user_secret[0].secret_arn)
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
    container_port   = 15000
  }

  service_registries {
    registry_arn = aws_service_discovery_service.api.arn
  }

  depends_on = [aws_lb_listener.http, aws_db_instance.postgres, aws_secretsmanager_secret_version.openrouter_openrouter_api_key, aws_iam_role_policy_attachment.execution, aws_iam_role_policy.execution_secrets]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.api.arn], self.task_definition)
      error_message = "ECS rolled the deployment of api back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}

resource "aws_security_group" "ui" {
  name        = "picker-wheel-dev-ui"
  description = "service ui: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "ui_out" {
  security_group_id = aws_security_group.ui.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_vpc_security_group_ingress_rule" "ui_from_alb" {
  security_group_id            = aws_security_group.ui.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 35000
  to_port                      = 35000
  description                  = "from the load balancer"
}

resource "aws_cloudwatch_log_group" "ui" {
  name              = "/ecs/picker-wheel/dev/ui"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "ui" {
  family                   = "picker-wheel-dev-ui"
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
      name      = "ui"
      image     = "registry.digitalocean.com/vrooli/picker-wheel-ui:1.0.0@sha256:1a3c5e7b9d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c"
      essential = true
      portMappings = [
        {
          containerPort = 35000
          protocol      = "tcp"
        },
      ]
      environment = [
        {
          name  = "UI_PORT"
          value = "35000"
        },
      ]
      secrets = []
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.ui.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_service_discovery_service" "ui" {
  name = "ui"

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.main.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }
}

resource "aws_ecs_service" "ui" {
  name                              = "ui"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.ui.arn
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
    security_groups  = [aws_security_group.ui.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.ui.arn
    container_name   = "ui"
    container_port   = 35000
  }

  service_registries {
    registry_arn = aws_service_discovery_service.ui.arn
  }

  depends_on = [aws_lb_listener.http, aws_iam_role_policy_attachment.execution]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.ui.arn], self.task_definition)
      error_message = "ECS rolled the deployment of ui back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}
