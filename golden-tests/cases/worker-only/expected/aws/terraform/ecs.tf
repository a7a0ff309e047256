resource "aws_ecs_cluster" "main" {
  name = "mailer-staging"

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_service_discovery_private_dns_namespace" "main" {
  name        = "mailer-staging.internal"
  description = "private names of mailer staging"
  vpc         = aws_vpc.main.id
}

resource "aws_iam_role" "execution" {
  name        = "mailer-staging-execution"
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

resource "aws_iam_role" "task" {
  name        = "mailer-staging-task"
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

resource "aws_security_group" "sender" {
  name        = "mailer-staging-sender"
  description = "service sender: only what declares a dependency reaches it"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "sender_out" {
  security_group_id = aws_security_group.sender.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "images, secrets, logs and the services it depends on"
}

resource "aws_cloudwatch_log_group" "sender" {
  name              = "/ecs/mailer/staging/sender"
  retention_in_days = 14
}

resource "aws_ecs_task_definition" "sender" {
  family                   = "mailer-staging-sender"
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
      name      = "sender"
      image     = "ghcr.io/example/mailer:0.3.1"
      essential = true
      command   = ["/app/mailer", "work"]
      environment = [
        {
          name  = "REDIS_URL"
          value = format("rediss://%s:6379", aws_elasticache_replication_group.redis.primary_endpoint_address)
        },
      ]
      secrets = []
      healthCheck = {
        command     = ["CMD", "/app/mailer", "ping"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.sender.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "ecs"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "sender" {
  name                  = "sender"
  cluster               = aws_ecs_cluster.main.id
  task_definition       = aws_ecs_task_definition.sender.arn
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
    security_groups  = [aws_security_group.sender.id]
    assign_public_ip = false
  }

  depends_on = [aws_iam_role_policy_attachment.execution]

  lifecycle {
    postcondition {
      condition     = contains([aws_ecs_task_definition.sender.arn], self.task_definition)
      error_message = "ECS rolled the deployment of sender back: its new tasks never became healthy (see the service's events and log group)"
    }
  }
}
