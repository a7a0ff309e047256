resource "aws_security_group" "postgres" {
  name        = "picker-wheel-dev-postgres"
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

resource "aws_db_subnet_group" "postgres" {
  name       = "picker-wheel-dev-postgres"
  subnet_ids = [aws_subnet.private_1.id, aws_subnet.private_2.id]
}

resource "aws_db_instance" "postgres" {
  identifier                  = "picker-wheel-dev-postgres"
  engine                      = "postgres"
  engine_version              = "16"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  max_allocated_storage       = 100
  storage_type                = "gp3"
  storage_encrypted           = true
  db_name                     = "picker_wheel"
  username                    = "s2c_app"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.postgres.name
  vpc_security_group_ids      = [aws_security_group.postgres.id]
  multi_az                    = false
  publicly_accessible         = false
  backup_retention_period     = 1
  deletion_protection         = false
  skip_final_snapshot         = true
  auto_minor_version_upgrade  = true
  copy_tags_to_snapshot       = true
  apply_immediately           = true
}
