output "cluster_name" {
  value = aws_ecs_cluster.main.name
}

output "service_names" {
  value = [aws_ecs_service.sender.name]
}

output "task_subnets" {
  value = [aws_subnet.private_1.id, aws_subnet.private_2.id]
}
