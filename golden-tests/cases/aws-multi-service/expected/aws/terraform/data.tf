resource "aws_security_group" "postgres" {
  name        = "ledger-prod-postgres"
  description = "PostgreSQL postgres: only the services that use it connect"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_api" {
  security_group_id            = aws_security_group.postgres.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "from api"
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_reconciler" {
  security_group_id            = aws_security_group.postgres.id
  referenced_security_group_id = aws_security_group.reconciler.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "from reconciler"
}

resource "aws_db_subnet_group" "postgres" {
  name       = "ledger-prod-postgres"
  subnet_ids = [aws_subnet.private_1.id, aws_subnet.private_2.id, aws_subnet.private_3.id]
}

resource "aws_db_instance" "postgres" {
  identifier                  = "ledger-prod-postgres"
  engine                      = "postgres"
  engine_version              = "16"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 20
  max_allocated_storage       = 100
  storage_type                = "gp3"
  storage_encrypted           = true
  db_name                     = "ledger"
  username                    = "s2c_app"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.postgres.name
  vpc_security_group_ids      = [aws_security_group.postgres.id]
  multi_az                    = true
  publicly_accessible         = false
  backup_retention_period     = 7
  deletion_protection         = true
  skip_final_snapshot         = false
  final_snapshot_identifier   = "ledger-prod-postgres-final"
  auto_minor_version_upgrade  = true
  copy_tags_to_snapshot       = true
  apply_immediately           = false
}

resource "aws_security_group" "redis" {
  name        = "ledger-prod-redis"
  description = "Valkey redis: only the services that use it connect"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_api" {
  security_group_id            = aws_security_group.redis.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "from api"
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_reconciler" {
  security_group_id            = aws_security_group.redis.id
  referenced_security_group_id = aws_security_group.reconciler.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "from reconciler"
}

resource "aws_elasticache_subnet_group" "redis" {
  name       = "ledger-prod-redis"
  subnet_ids = [aws_subnet.private_1.id, aws_subnet.private_2.id, aws_subnet.private_3.id]
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id       = "ledger-prod-redis"
  description                = "redis of ledger prod"
  engine                     = "valkey"
  engine_version             = "8.0"
  node_type                  = "cache.t4g.small"
  port                       = 6379
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  transit_encryption_enabled = true
  at_rest_encryption_enabled = "true"
  subnet_group_name          = aws_elasticache_subnet_group.redis.name
  security_group_ids         = [aws_security_group.redis.id]
  snapshot_retention_limit   = 7
  apply_immediately          = false
}
