output "load_balancer_dns_name" {
  value       = aws_lb.main.dns_name
  description = "the load balancer's AWS host name"
}

output "live_url" {
  value       = format("http://%s", aws_lb.main.dns_name)
  description = "where the deployment answers"
}

output "cluster_name" {
  value = aws_ecs_cluster.main.name
}

output "service_names" {
  value = [aws_ecs_service.n8n.name, aws_ecs_service.qdrant.name, aws_ecs_service.api.name, aws_ecs_service.ui.name]
}

output "task_subnets" {
  value = [aws_subnet.private_1.id, aws_subnet.private_2.id]
}
