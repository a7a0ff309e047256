resource "aws_security_group" "redis" {
  name        = "mailer-staging-redis"
  description = "Valkey redis: only the services that use it connect"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_sender" {
  security_group_id            = aws_security_group.redis.id
  referenced_security_group_id = aws_security_group.sender.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "from sender"
}

resource "aws_elasticache_subnet_group" "redis" {
  name       = "mailer-staging-redis"
  subnet_ids = [aws_subnet.private_1.id, aws_subnet.private_2.id]
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id       = "mailer-staging-redis"
  description                = "redis of mailer staging"
  engine                     = "valkey"
  engine_version             = "8.0"
  node_type                  = "cache.t4g.micro"
  port                       = 6379
  num_cache_clusters         = 1
  automatic_failover_enabled = false
  multi_az_enabled           = false
  transit_encryption_enabled = true
  at_rest_encryption_enabled = "true"
  subnet_group_name          = aws_elasticache_subnet_group.redis.name
  security_group_ids         = [aws_security_group.redis.id]
  snapshot_retention_limit   = 0
  apply_immediately          = true
}
